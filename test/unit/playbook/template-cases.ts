// The template table: cases from Go's text/template documentation (actions, arguments, pipelines,
// variables, functions, trimming, comments, define/template/block) and from Dataflow Runner's
// documented behaviour (missingkey=error, its five functions, Go time layouts, failures).
// `expect` is what Go 1.19's text/template with the runner's functions produced for the case
// (go-reference/main.go; re-checked against a live Go by template.test.ts whenever `go` is on PATH).

export interface TemplateCase {
  name: string;
  template: string;
  vars?: Record<string, string>;
  /** Time zone the case runs in (Go's time.Local / Node's TZ); default UTC. */
  tz?: string;
  expect: { out: string } | { err: string };
}

/** The fixed clock for nowWithFormat: 2023-11-14 22:13:20.123 UTC. */
export const NOW_MS = 1700000000123;
/** An environment variable the systemEnv cases read. */
export const ENV = { DFR_TEMPLATE_TEST: 'from-env' };

const V = { region: 'eu-west-1', bucket: 'acme-data', runId: '2024-06-03-12-00-00', empty: '', n: '3', dash: 'a-b' };

type Draft = Omit<TemplateCase, 'expect'>;
export const DRAFTS: Draft[] = [
  // Text and actions
  { name: 'plain text passes through', template: '{"a": 1}\n' },
  { name: 'field', template: '{{.region}}', vars: V },
  { name: 'field in JSON string', template: '"region": "{{.region}}"', vars: V },
  { name: 'two fields', template: 's3://{{.bucket}}/run={{.runId}}/', vars: V },
  { name: 'dot prints the vars map sorted', template: '{{.}}', vars: { b: '2', a: '1' } },
  { name: 'missing key is an error (missingkey=error)', template: 'x {{.nope}}', vars: V },
  { name: 'missing key on line 3 reports line and column', template: '{\n  "a": "b",\n  "r": "{{.regoin}}"\n}', vars: V },
  { name: 'no vars at all', template: '{{.region}}' },
  { name: 'empty var prints nothing', template: '[{{.empty}}]', vars: V },
  { name: 'field of a string value', template: '{{.region.name}}', vars: V },
  { name: 'variable field of a string', template: '{{$r := .region}}{{$r.name}}', vars: V },
  { name: 'dollar is the data', template: '{{$.region}}', vars: V },
  // Literals
  { name: 'string literal', template: '{{"quoted \\u00e9\\t!"}}' },
  { name: 'raw string literal', template: '{{`raw \\n`}}' },
  { name: 'int literal', template: '{{42}}' },
  { name: 'negative int', template: '{{-7}}' },
  { name: 'float literal', template: '{{1.5}}' },
  { name: 'float with exponent', template: '{{1e3}}' },
  { name: 'large float prints with exponent', template: '{{1e21}}' },
  { name: 'hex int', template: '{{0x1F}}' },
  { name: 'char constant is an int', template: "{{'a'}}" },
  { name: 'bool literal', template: '{{true}} {{false}}' },
  { name: 'nil is not a command', template: '{{nil}}' },
  // Whitespace trimming
  { name: 'trim both sides', template: 'a  {{- "b" -}}  c' },
  { name: 'trim newlines', template: '[\n  {{- .n}}\n]', vars: V },
  { name: 'minus without space is a number', template: '{{-3}}' },
  { name: 'trim with comment', template: 'a {{- /* note */ -}} b' },
  // Comments
  { name: 'comment is dropped', template: 'a{{/* a comment */}}b' },
  { name: 'multi-line comment', template: 'a{{/* one\ntwo */}}b' },
  { name: 'unclosed comment', template: 'a{{/* no end' },
  { name: 'comment not at closing delimiter', template: 'a{{/* x */ .region}}', vars: V },
  // if / else
  { name: 'if true', template: '{{if .region}}yes{{end}}', vars: V },
  { name: 'if empty string is false', template: '{{if .empty}}yes{{else}}no{{end}}', vars: V },
  { name: 'else if chain', template: '{{if eq .n "1"}}one{{else if eq .n "3"}}three{{else}}other{{end}}', vars: V },
  { name: 'if on missing key still errors', template: '{{if .nope}}a{{end}}', vars: V },
  { name: 'if without end', template: '{{if .region}}yes', vars: V },
  { name: 'unexpected end', template: 'a{{end}}' },
  { name: 'unexpected else', template: 'a{{else}}' },
  { name: 'missing value for if', template: '{{if}}x{{end}}' },
  // with
  { name: 'with sets dot', template: '{{with .region}}[{{.}}]{{end}}', vars: V },
  { name: 'with else on empty', template: '{{with .empty}}x{{else}}none{{end}}', vars: V },
  { name: 'with variable', template: '{{with $x := .bucket}}{{$x}}{{end}}', vars: V },
  // range
  {
    name: 'range over the vars map (sorted keys)',
    template: '{{range $k, $v := .}}{{$k}}={{$v}};{{end}}',
    vars: { z: '1', a: '2', m: '3' },
  },
  { name: 'range single variable gets values', template: '{{range $v := .}}{{$v}},{{end}}', vars: { b: 'y', a: 'x' } },
  { name: 'range over empty map runs else', template: '{{range .}}x{{else}}empty{{end}}' },
  { name: 'range over a string fails', template: '{{range .region}}x{{end}}', vars: V },
  { name: 'range break', template: '{{range $k, $v := .}}{{if eq $k "b"}}{{break}}{{end}}{{$k}}{{end}}', vars: { a: '1', b: '2', c: '3' } },
  {
    name: 'range continue',
    template: '{{range $k, $v := .}}{{if eq $k "b"}}{{continue}}{{end}}{{$k}}{{end}}',
    vars: { a: '1', b: '2', c: '3' },
  },
  { name: 'break outside range', template: '{{break}}' },
  // Variables
  { name: 'declare and use', template: '{{$b := .bucket}}s3://{{$b}}/', vars: V },
  { name: 'assign', template: '{{$x := "a"}}{{$x = "b"}}{{$x}}' },
  { name: 'undefined variable', template: '{{$nope}}' },
  { name: 'variable scope ends with if', template: '{{if true}}{{$x := 1}}{{end}}{{$x}}' },
  // Pipelines and parentheses
  { name: 'pipeline into printf', template: '{{.region | printf "%s!"}}', vars: V },
  { name: 'pipeline of functions', template: '{{"abc" | base64 | base64}}' },
  { name: 'parenthesised argument', template: '{{printf "%s-%s" (base64 "a") .region}}', vars: V },
  { name: 'non executable command in pipeline', template: '{{.region | "x"}}', vars: V },
  { name: 'argument to non-function', template: '{{.region "x"}}', vars: V },
  // Builtins
  { name: 'and returns first false', template: '{{and .region .empty "z"}}|', vars: V },
  { name: 'and returns last', template: '{{and "a" "b"}}' },
  { name: 'or returns first true', template: '{{or .empty "fallback"}}', vars: V },
  { name: 'or short-circuits a failing call', template: '{{or "x" (systemEnv "DFR_TEMPLATE_UNSET")}}' },
  { name: 'not', template: '{{not .empty}} {{not .region}}', vars: V },
  { name: 'len of string is bytes', template: '{{len "héllo"}}' },
  { name: 'len of the vars map', template: '{{len .}}', vars: { a: '1', b: '2' } },
  { name: 'len of int fails', template: '{{len 3}}' },
  { name: 'index into the map', template: '{{index . "dash"}}', vars: V },
  { name: 'index missing key gives no value', template: '{{index . "nope"}}', vars: V },
  { name: 'index string gives a byte', template: '{{index "abc" 1}}' },
  { name: 'index out of range', template: '{{index "abc" 5}}' },
  { name: 'slice a string', template: '{{slice "abcdef" 1 3}}' },
  { name: 'eq strings', template: '{{eq .n "3"}} {{eq .n "4"}}', vars: V },
  { name: 'eq with several', template: '{{eq .n "1" "2" "3"}}', vars: V },
  { name: 'eq int and string fails', template: '{{eq 3 .n}}', vars: V },
  { name: 'ne', template: '{{ne 1 2}}' },
  { name: 'lt le gt ge ints', template: '{{lt 1 2}} {{le 2 2}} {{gt 1 2}} {{ge 3 2}}' },
  { name: 'lt strings', template: '{{lt "a" "b"}}' },
  { name: 'lt bool fails', template: '{{lt true false}}' },
  { name: 'print adds spaces between non-strings', template: '{{print 1 2 "a" "b" 3}}' },
  { name: 'println', template: '{{println "a" 1}}' },
  { name: 'printf verbs', template: '{{printf "%d|%5s|%-4s|%q|%x|%v|%t|%.2f|%05d" 42 "ab" "c" "q\\"" "hi" 1.5 true 3.14159 -42}}' },
  { name: 'printf bad verb and missing arg', template: '{{printf "%d %s" "x"}}' },
  { name: 'printf extra arg', template: '{{printf "a" 1}}' },
  { name: 'html', template: '{{html "<a href=\'x\'>&</a>"}}' },
  { name: 'js', template: '{{js "it\'s <b>\\"q\\"</b> = \\\\"}}' },
  { name: 'urlquery', template: '{{urlquery "a b&c=d/é"}}' },
  { name: 'call of a string fails', template: '{{call .region}}', vars: V },
  { name: 'undefined function (runner has no secret)', template: '{{secret "aws-access-key-id"}}' },
  { name: 'wrong number of args', template: '{{base64 "a" "b"}}' },
  { name: 'wrong arg type literal', template: '{{base64 1}}' },
  { name: 'wrong arg type from pipeline', template: '{{base64 (len "ab")}}' },
  // The runner's functions
  { name: 'base64', template: '{{base64 "user:pass"}}' },
  { name: 'base64 of a var', template: '{{base64 .region}}', vars: V },
  { name: 'base64File relative to cwd', template: `{{base64File "${'test/unit/playbook/fixtures/hello.txt'}"}}` },
  { name: 'base64File missing file', template: '{{base64File "no/such/file.hocon"}}' },
  { name: 'systemEnv set', template: '{{systemEnv "DFR_TEMPLATE_TEST"}}' },
  { name: 'systemEnv unset', template: '{{systemEnv "DFR_TEMPLATE_UNSET"}}' },
  { name: 'nowWithFormat run folder layout', template: 'run={{nowWithFormat "2006-01-02-15-04-05"}}' },
  { name: 'nowWithFormat RFC3339 with millis', template: '{{nowWithFormat "2006-01-02T15:04:05.000Z07:00"}}' },
  { name: 'nowWithFormat in New York', template: '{{nowWithFormat "2006-01-02 15:04:05 -0700 MST"}}', tz: 'America/New_York' },
  { name: 'nowWithFormat 12-hour names', template: '{{nowWithFormat "Mon Monday Jan January 1 01 2 _2 02 3 03 PM pm 4 04 5 05 06"}}' },
  { name: 'nowWithFormat fractions', template: '{{nowWithFormat ".0 .00 .999 ,000 .9"}}' },
  { name: 'timeWithFormat', template: '{{timeWithFormat "1700000000" "2006-01-02 15:04:05"}}' },
  { name: 'timeWithFormat zone and day names', template: '{{timeWithFormat "86400" "Monday, 02-Jan-06 15:04:05 MST Z07:00"}}' },
  { name: 'timeWithFormat in Kolkata', template: '{{timeWithFormat "0" "15:04 -07:00 Z0700 -07"}}', tz: 'Asia/Kolkata' },
  // Zone abbreviations come from the tz database, as Go reads them
  {
    name: 'timeWithFormat in Berlin, winter and summer',
    template: '{{timeWithFormat "1700000000" "MST -0700"}} {{timeWithFormat "1690000000" "MST -0700"}}',
    tz: 'Europe/Berlin',
  },
  {
    name: 'timeWithFormat in Berlin after 2037 (the zone rule)',
    template: '{{timeWithFormat "4118000000" "2006-01-02 15:04 MST"}}',
    tz: 'Europe/Berlin',
  },
  {
    name: 'timeWithFormat before the first transition (local mean time)',
    template: '{{timeWithFormat "-3000000000" "15:04:05 -0700 MST"}}',
    tz: 'Europe/Berlin',
  },
  { name: 'timeWithFormat in Tokyo', template: '{{timeWithFormat "0" "Jan 2 15:04 MST"}}', tz: 'Asia/Tokyo' },
  { name: 'timeWithFormat in Dubai (a numeric abbreviation)', template: '{{timeWithFormat "1700000000" "15:04 MST"}}', tz: 'Asia/Dubai' },
  {
    name: 'timeWithFormat in London, winter and summer',
    template: '{{timeWithFormat "1700000000" "MST"}} {{timeWithFormat "1690000000" "MST"}}',
    tz: 'Europe/London',
  },
  { name: 'nowWithFormat in Sydney', template: '{{nowWithFormat "2006-01-02 15:04 MST"}}', tz: 'Australia/Sydney' },
  { name: 'timeWithFormat epoch must be an integer', template: '{{timeWithFormat "1.5" "2006"}}' },
  { name: 'timeWithFormat epoch from a var', template: '{{timeWithFormat .epoch "2006-01-02"}}', vars: { epoch: '1000000000' } },
  { name: 'timeWithFormat needs a string', template: '{{timeWithFormat 1000 "2006"}}' },
  // define / template / block
  { name: 'define and template', template: '{{define "bucket"}}s3://{{.bucket}}{{end}}{{template "bucket" .}}/x', vars: V },
  { name: 'template without data', template: '{{define "t"}}[{{.}}]{{end}}{{template "t"}}' },
  { name: 'block', template: '{{block "b" .region}}<{{.}}>{{end}}', vars: V },
  { name: 'template not defined', template: '{{template "nope"}}' },
  // Lexer and parser errors
  { name: 'unclosed action', template: '{"a": "{{.region"}', vars: V },
  { name: 'unclosed action across lines', template: '{\n"a": "{{.region\n"}', vars: V },
  { name: 'unterminated quoted string', template: '{{"abc}}' },
  { name: 'bad character', template: '{{.region!}}', vars: V },
  { name: 'unrecognized character', template: '{{#}}' },
  { name: 'empty action', template: '{{}}' },
  { name: 'unclosed paren', template: '{{(base64 "a"}}' },
  { name: 'bad number', template: '{{3k}}' },
  { name: 'error on a later line', template: 'line1\nline2 {{if}}\n' },
  { name: 'JSON-escaped quotes inside an action fail in the runner', template: '"run={{nowWithFormat \\"2006\\"}}"' },
  { name: 'backquoted layout keeps the file valid JSON', template: '"run={{nowWithFormat `2006-01-02-15-04-05`}}"' },
  { name: 'raw quotes inside an action render', template: '"--dest", "run={{nowWithFormat "2006"}}"' },
];
