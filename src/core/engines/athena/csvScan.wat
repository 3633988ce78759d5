;; Finds the records of Athena's result CSV 16 bytes at a time (WebAssembly SIMD), for
;; csvBlocks.ts. It handles only the shape Athena writes: every field empty (NULL) or quoted,
;; records ending in \n or \r\n. Anything else (an unquoted value, a stray quote or \r) stops it at
;; the start of that record, and the JavaScript scanner, which knows every rule, goes on from there.
;; Regenerate csvScanWasm.ts after editing: `npm run gen:wasm`.
;;
;; Per 16-byte block: bit masks of quotes, commas, \n and \r; a prefix XOR of the quote mask gives
;; the bytes inside quotes (an opening quote and the value; the closing quote counts as outside, so
;; a doubled quote "" inside a value closes and reopens). Outside quotes only , \n and \r\n may
;; occur; a record ends at an outside \n and has one field more than its outside commas.
(module
  (memory (export "memory") 1)
  ;; Where the scan stopped: the start of the first record it did not report.
  (global $stop (export "stop") (mut i32) (i32.const 0))
  ;; 1 when it stopped at a record it does not handle (the caller scans that one itself).
  (global $irregular (export "irregular") (mut i32) (i32.const 0))

  ;; Scans complete records in [pos, n), writing (end, fields) as two i32 per record at `out`,
  ;; at most `max` records. Returns the number of records written.
  (func (export "scan") (param $pos i32) (param $n i32) (param $out i32) (param $max i32) (result i32)
    (local $i i32) (local $rows i32) (local $rowStart i32) (local $fields i32)
    (local $v v128) (local $q i32) (local $c i32) (local $nl i32) (local $cr i32)
    (local $x i32) (local $inq i32) (local $outside i32) (local $bad i32)
    (local $no i32) (local $co i32) (local $pendingCR i32) (local $b i32) (local $limit i32)
    (global.set $irregular (i32.const 0))
    (local.set $i (local.get $pos))
    (local.set $rowStart (local.get $pos))
    (local.set $fields (i32.const 1))
    (block $done
      (loop $blocks
        (br_if $done (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $n)))
        (local.set $v (v128.load (local.get $i)))
        (local.set $q (i8x16.bitmask (i8x16.eq (local.get $v) (i8x16.splat (i32.const 34)))))
        (local.set $c (i8x16.bitmask (i8x16.eq (local.get $v) (i8x16.splat (i32.const 44)))))
        (local.set $nl (i8x16.bitmask (i8x16.eq (local.get $v) (i8x16.splat (i32.const 10)))))
        (local.set $cr (i8x16.bitmask (i8x16.eq (local.get $v) (i8x16.splat (i32.const 13)))))
        ;; inside quotes: prefix XOR of the quote bits, continued from the previous block
        (local.set $x (local.get $q))
        (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 1))))
        (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 2))))
        (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 4))))
        (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 8))))
        (local.set $x (i32.and (i32.xor (local.get $x) (local.get $inq)) (i32.const 0xffff)))
        (local.set $inq (i32.and (i32.sub (i32.const 0) (i32.shr_u (local.get $x) (i32.const 15))) (i32.const 0xffff)))
        (local.set $outside (i32.xor (local.get $x) (i32.const 0xffff)))
        (local.set $no (i32.and (local.get $nl) (local.get $outside)))
        (local.set $co (i32.and (local.get $c) (local.get $outside)))
        ;; outside quotes, anything but a quote, a comma, \n or \r is not Athena's shape
        (local.set $bad (i32.and (local.get $outside)
          (i32.xor (i32.or (i32.or (local.get $q) (local.get $c)) (i32.or (local.get $nl) (local.get $cr))) (i32.const 0xffff))))
        ;; an outside \r must be followed by \n (in this block, or the first byte of the next)
        (local.set $x (i32.and (local.get $cr) (local.get $outside)))
        (local.set $bad (i32.or (local.get $bad)
          (i32.and (i32.and (local.get $x) (i32.xor (i32.shr_u (local.get $no) (i32.const 1)) (i32.const 0xffff))) (i32.const 0x7fff))))
        (if (i32.and (local.get $pendingCR) (i32.eqz (i32.and (local.get $no) (i32.const 1))))
          (then (local.set $bad (i32.or (local.get $bad) (i32.const 1)))))
        (local.set $pendingCR (i32.shr_u (local.get $x) (i32.const 15)))
        ;; records ending before the first bad byte are reported; then stop
        (local.set $limit (i32.const 0xffff))
        (if (local.get $bad)
          (then (local.set $limit (i32.sub (i32.shl (i32.const 1) (i32.ctz (local.get $bad))) (i32.const 1)))))
        (local.set $no (i32.and (local.get $no) (local.get $limit)))
        (block $rowsDone
          (loop $rows
            (br_if $rowsDone (i32.eqz (local.get $no)))
            (local.set $b (i32.ctz (local.get $no)))
            (i32.store (i32.add (local.get $out) (i32.shl (local.get $rows) (i32.const 3)))
              (i32.add (local.get $i) (local.get $b)))
            (i32.store offset=4 (i32.add (local.get $out) (i32.shl (local.get $rows) (i32.const 3)))
              (i32.add (local.get $fields)
                (i32.popcnt (i32.and (local.get $co) (i32.sub (i32.shl (i32.const 1) (local.get $b)) (i32.const 1))))))
            (local.set $rows (i32.add (local.get $rows) (i32.const 1)))
            (local.set $rowStart (i32.add (i32.add (local.get $i) (local.get $b)) (i32.const 1)))
            (local.set $co (i32.and (local.get $co) (i32.xor (i32.sub (i32.shl (i32.const 2) (local.get $b)) (i32.const 1)) (i32.const -1))))
            (local.set $fields (i32.const 1))
            (local.set $no (i32.and (local.get $no) (i32.sub (local.get $no) (i32.const 1))))
            (if (i32.eq (local.get $rows) (local.get $max))
              (then
                (global.set $stop (local.get $rowStart))
                (return (local.get $rows))))
            (br $rows)))
        (if (local.get $bad)
          (then
            (global.set $irregular (i32.const 1))
            (global.set $stop (local.get $rowStart))
            (return (local.get $rows))))
        (local.set $fields (i32.add (local.get $fields) (i32.popcnt (local.get $co))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $blocks)))
    (global.set $stop (local.get $rowStart))
    (local.get $rows))
)
