;; Finds the records of Athena's result CSV 64 bytes at a time (WebAssembly SIMD), for
;; csvBlocks.ts. It handles only the shape Athena writes: every field empty (NULL) or quoted,
;; records ending in \n or \r\n. Anything else (an unquoted value, a stray quote or \r) stops it at
;; the start of that record, and the JavaScript scanner, which knows every rule, goes on from there.
;;
;; Per 64-byte block: 64-bit masks of quotes, commas, \n and \r; a prefix XOR of the quote mask gives
;; the bytes inside quotes (an opening quote and the value; the closing quote counts as outside, so
;; a doubled quote "" inside a value closes and reopens). Outside quotes only , \n and \r\n may
;; occur; a record ends at an outside \n and has one field more than its outside commas.
;; Regenerate csvScanWasm.ts after editing: `npm run gen:wasm`.
(module
  (memory (export "memory") 1)
  ;; Where the scan stopped: the start of the first record it did not report.
  (global $stop (export "stop") (mut i32) (i32.const 0))
  ;; 1 when it stopped at a record it does not handle (the caller scans that one itself).
  (global $irregular (export "irregular") (mut i32) (i32.const 0))

  ;; Scans complete records in [pos, n), writing (end, fields) as two i32 per record at `out`,
  ;; at most `max` records. Returns the number of records written.
  (func (export "scan") (param $pos i32) (param $n i32) (param $out i32) (param $max i32) (result i32)
    (local $i i32) (local $rows i32) (local $rowStart i32) (local $fields i32) (local $b i32) (local $at i32)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
    (local $Q v128) (local $C v128) (local $N v128) (local $R v128)
    (local $q i64) (local $c i64) (local $nl i64) (local $cr i64) (local $x i64) (local $inq i64)
    (local $outside i64) (local $bad i64) (local $no i64) (local $co i64) (local $pendingCR i64) (local $limit i64)
    (global.set $irregular (i32.const 0))
    (local.set $Q (i8x16.splat (i32.const 34)))
    (local.set $C (i8x16.splat (i32.const 44)))
    (local.set $N (i8x16.splat (i32.const 10)))
    (local.set $R (i8x16.splat (i32.const 13)))
    (local.set $i (local.get $pos))
    (local.set $rowStart (local.get $pos))
    (local.set $fields (i32.const 1))
    (block $done
      (loop $blocks
        (br_if $done (i32.gt_u (i32.add (local.get $i) (i32.const 64)) (local.get $n)))
        (local.set $v0 (v128.load (local.get $i)))
        (local.set $v1 (v128.load offset=16 (local.get $i)))
        (local.set $v2 (v128.load offset=32 (local.get $i)))
        (local.set $v3 (v128.load offset=48 (local.get $i)))
        (local.set $q (i64.or (i64.or (i64.extend_i32_u (i8x16.bitmask (i8x16.eq (local.get $v0) (local.get $Q)))) (i64.shl (i64.extend_i32_u (i8x16.bitmask (i8x16.eq (local.get $v1) (local.get $Q)))) (i64.const 16))) (i64.or (i64.shl (i64.extend_i32_u (i8x16.bitmask (i8x16.eq (local.get $v2) (local.get $Q)))) (i64.const 32)) (i64.shl (i64.extend_i32_u (i8x16.bitmask (i8x16.eq (local.get $v3) (local.get $Q)))) (i64.const 48)))))
        (local.set $c (i64.or (i64.or (i64.extend_i32_u (i8x16.bitmask (i8x16.eq (local.get $v0) (local.get $C)))) (i64.shl (i64.extend_i32_u (i8x16.bitmask (i8x16.eq (local.get $v1) (local.get $C)))) (i64.const 16))) (i64.or (i64.shl (i64.extend_i32_u (i8x16.bitmask (i8x16.eq (local.get $v2) (local.get $C)))) (i64.const 32)) (i64.shl (i64.extend_i32_u (i8x16.bitmask (i8x16.eq (local.get $v3) (local.get $C)))) (i64.const 48)))))
        (local.set $nl (i64.or (i64.or (i64.extend_i32_u (i8x16.bitmask (i8x16.eq (local.get $v0) (local.get $N)))) (i64.shl (i64.extend_i32_u (i8x16.bitmask (i8x16.eq (local.get $v1) (local.get $N)))) (i64.const 16))) (i64.or (i64.shl (i64.extend_i32_u (i8x16.bitmask (i8x16.eq (local.get $v2) (local.get $N)))) (i64.const 32)) (i64.shl (i64.extend_i32_u (i8x16.bitmask (i8x16.eq (local.get $v3) (local.get $N)))) (i64.const 48)))))
        (local.set $cr (i64.or (i64.or (i64.extend_i32_u (i8x16.bitmask (i8x16.eq (local.get $v0) (local.get $R)))) (i64.shl (i64.extend_i32_u (i8x16.bitmask (i8x16.eq (local.get $v1) (local.get $R)))) (i64.const 16))) (i64.or (i64.shl (i64.extend_i32_u (i8x16.bitmask (i8x16.eq (local.get $v2) (local.get $R)))) (i64.const 32)) (i64.shl (i64.extend_i32_u (i8x16.bitmask (i8x16.eq (local.get $v3) (local.get $R)))) (i64.const 48)))))
        ;; inside quotes: prefix XOR of the quote bits, continued from the previous block
        (local.set $x (local.get $q))
        (local.set $x (i64.xor (local.get $x) (i64.shl (local.get $x) (i64.const 1))))
        (local.set $x (i64.xor (local.get $x) (i64.shl (local.get $x) (i64.const 2))))
        (local.set $x (i64.xor (local.get $x) (i64.shl (local.get $x) (i64.const 4))))
        (local.set $x (i64.xor (local.get $x) (i64.shl (local.get $x) (i64.const 8))))
        (local.set $x (i64.xor (local.get $x) (i64.shl (local.get $x) (i64.const 16))))
        (local.set $x (i64.xor (local.get $x) (i64.shl (local.get $x) (i64.const 32))))
        (local.set $x (i64.xor (local.get $x) (local.get $inq)))
        (local.set $inq (i64.shr_s (local.get $x) (i64.const 63)))
        (local.set $outside (i64.xor (local.get $x) (i64.const -1)))
        (local.set $no (i64.and (local.get $nl) (local.get $outside)))
        (local.set $co (i64.and (local.get $c) (local.get $outside)))
        ;; outside quotes, anything but a quote, a comma, \n or \r is not Athena's shape
        (local.set $bad (i64.and (local.get $outside)
          (i64.xor (i64.or (i64.or (local.get $q) (local.get $c)) (i64.or (local.get $nl) (local.get $cr))) (i64.const -1))))
        ;; an outside \r must be followed by \n (in this block, or the first byte of the next)
        (local.set $x (i64.and (local.get $cr) (local.get $outside)))
        (local.set $bad (i64.or (local.get $bad)
          (i64.and (i64.and (local.get $x) (i64.xor (i64.shr_u (local.get $no) (i64.const 1)) (i64.const -1))) (i64.const 0x7fffffffffffffff))))
        (if (i32.and (i32.wrap_i64 (local.get $pendingCR)) (i64.eqz (i64.and (local.get $no) (i64.const 1))))
          (then (local.set $bad (i64.or (local.get $bad) (i64.const 1)))))
        (local.set $pendingCR (i64.shr_u (local.get $x) (i64.const 63)))
        ;; records ending before the first bad byte are reported; then stop
        (local.set $limit (i64.const -1))
        (if (i32.eqz (i64.eqz (local.get $bad)))
          (then (local.set $limit (i64.sub (i64.shl (i64.const 1) (i64.ctz (local.get $bad))) (i64.const 1)))))
        (local.set $no (i64.and (local.get $no) (local.get $limit)))
        (block $rowsDone
          (loop $rows
            (br_if $rowsDone (i64.eqz (local.get $no)))
            (local.set $b (i32.wrap_i64 (i64.ctz (local.get $no))))
            (local.set $at (i32.add (local.get $out) (i32.shl (local.get $rows) (i32.const 3))))
            (i32.store (local.get $at) (i32.add (local.get $i) (local.get $b)))
            (i32.store offset=4 (local.get $at)
              (i32.add (local.get $fields) (i32.wrap_i64
                (i64.popcnt (i64.and (local.get $co) (i64.sub (i64.shl (i64.const 1) (i64.extend_i32_u (local.get $b))) (i64.const 1)))))))
            (local.set $rows (i32.add (local.get $rows) (i32.const 1)))
            (local.set $rowStart (i32.add (i32.add (local.get $i) (local.get $b)) (i32.const 1)))
            ;; drop the commas up to this record's end (2 << 63 wraps to 0: all of them)
            (local.set $co (i64.and (local.get $co)
              (i64.xor (i64.sub (i64.shl (i64.const 2) (i64.extend_i32_u (local.get $b))) (i64.const 1)) (i64.const -1))))
            (local.set $fields (i32.const 1))
            (local.set $no (i64.and (local.get $no) (i64.sub (local.get $no) (i64.const 1))))
            (if (i32.eq (local.get $rows) (local.get $max))
              (then
                (global.set $stop (local.get $rowStart))
                (return (local.get $rows))))
            (br $rows)))
        (if (i32.eqz (i64.eqz (local.get $bad)))
          (then
            (global.set $irregular (i32.const 1))
            (global.set $stop (local.get $rowStart))
            (return (local.get $rows))))
        (local.set $fields (i32.add (local.get $fields) (i32.wrap_i64 (i64.popcnt (local.get $co)))))
        (local.set $i (i32.add (local.get $i) (i32.const 64)))
        (br $blocks)))
    (global.set $stop (local.get $rowStart))
    (local.get $rows))
)
