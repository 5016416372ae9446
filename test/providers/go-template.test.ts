// Go's text/template as the CLIs run it (src/providers/cli/go-template-*.ts).
// Cases from golang/go src/text/template/exec_test.go and parse/parse_test.go
// (their names in the comments), on data shaped as theirs: MSI is map[string]int,
// SI []int, SIEmpty []int{}; and the documented "<no value>" of a map's missing
// key (text/template's Option("missingkey=default")).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runTemplate, TemplateExecError, TemplateParseError } from '../../src/providers/cli/go-template-exec.js';
import { sprintf } from '../../src/providers/cli/go-template-funcs.js';

const DATA = { MSI: { one: 1, two: 2, three: 3 }, SI: [3, 4, 5], SIEmpty: [], X: 'x', True: true, Empty: '', Nil: null, Struct: { A: 'a', B: 2, C: [1, 2] } };
const run = (text: string, data: unknown = DATA) => runTemplate(text, data);
const labelOf = (k: unknown) => (k === 'a' ? 'A' : '');

describe('Go text/template', () => {
  it.each([
    // exec_test.go
    ['if true', '{{if true}}TRUE{{end}}', 'TRUE'],
    ['if else', '{{if false}}TRUE{{else}}FALSE{{end}}', 'FALSE'],
    ['if else if', '{{if false}}A{{else if true}}B{{else}}C{{end}}', 'B'],
    ['if emptystring', '{{if .Empty}}NON-EMPTY{{else}}EMPTY{{end}}', 'EMPTY'],
    ['if map', '{{if .MSI}}NON-EMPTY{{else}}EMPTY{{end}}', 'NON-EMPTY'],
    ['with 1.5', '{{with 1.5}}{{.}}{{end}}', '1.5'],
    ['with else', '{{with .Empty}}{{.}}{{else}}EMPTY{{end}}', 'EMPTY'],
    ['range SI', '{{range .SI}}<{{.}}>{{end}}', '<3><4><5>'],
    ['range empty else', '{{range .SIEmpty}}-{{.}}-{{else}}EMPTY{{end}}', 'EMPTY'],
    ['range map', '{{range .MSI}}-{{.}}-{{end}}', '-1--3--2-'],
    ['range $x SI', '{{range $x := .SI}}<{{$x}}>{{end}}', '<3><4><5>'],
    ['range $x $y SI', '{{range $x, $y := .SI}}<{{$x}}={{$y}}>{{end}}', '<0=3><1=4><2=5>'],
    ['range $x $y MSI', '{{range $x, $y := .MSI}}<{{$x}}={{$y}}>{{end}}', '<one=1><three=3><two=2>'],
    ['declaration', '{{$x := "hello"}}{{$x}}', 'hello'],
    ['pipeline', '{{"hello" | printf "%s world"}}', 'hello world'],
    ['parenthesized', '{{printf "%d" (len .SI)}}', '3'],
    ['print', '{{print 1 2 3}}', '1 2 3'],
    ['print string', '{{print "x" 1 "y"}}', 'x1y'],
    ['println', '{{println 1 2 3}}', '1 2 3\n'],
    ['len', '{{len "abc"}} {{len .SI}} {{len .MSI}}', '3 3 3'],
    ['index', '{{index .SI 2}} {{index .MSI "two"}}', '5 2'],
    ['and', '{{and 1 0}} {{and 1 "x"}}', '0 x'],
    ['or', '{{or 0 "x"}} {{or 0 ""}}', 'x '],
    ['not', '{{not .True}} {{not .Empty}}', 'false true'],
    ['eq', '{{eq 1 1}} {{eq .X "y" "x"}} {{ne 1 2}} {{lt 1 2}} {{ge "b" "a"}}', 'true true true true true'],
    ['slice', '{{slice "abcde" 1 3}} {{slice .SI 1}}', 'bc [4 5]'],
    ['html', '{{html "<a>&"}}', '&lt;a&gt;&amp;'],
    ['urlquery', '{{urlquery "a b&c"}}', 'a+b%26c'],
    // parse_test.go: trim markers
    ['trim', '{{23 -}} < {{- 45}}', '23<45'],
    ['comment', 'a{{/* a comment */}}b', 'ab'],
    ['trimmed comment', 'a {{- /* c */ -}} b', 'ab'],
    ['raw string', '{{`a\\nb`}}', 'a\\nb'],
    ['char', '{{printf "%c" \'x\'}}', 'x'],
    // A map's missing key prints "<no value>", and so does a field of it.
    ['missing key', '{{.MSI.four}}|{{.Missing}}|{{.Missing.Deeper}}', '<no value>|<no value>|<no value>'],
    ['nil', '{{.Nil}}', '<nil>'],
    // fmt's %v: slices [a b], maps map[k:v] in key order, structs {a b}.
    ['slice printed', '{{.SI}}', '[3 4 5]'],
    ['map printed', '{{.MSI}}', 'map[one:1 three:3 two:2]'],
    ['struct printed', '{{.Struct}}', '{a 2 [1 2]}'],
    ['variable field', '{{$s := .Struct}}{{$s.A}}', 'a'],
    ['$ is the data', '{{range .SI}}{{$.X}}{{end}}', 'xxx'],
    ['trailing pipe', '{{.X | }}', 'x'],
    // and, or: as far as they need (Go 1.18 on): index's error is never reached.
    ['and short', '{{and .Empty (index .SI 10)}}|{{or .X (index .SI 10)}}', '|x'],
    // = sets the innermost variable of that name; := inside a block goes at its end.
    ['assign scope', '{{$x := 1}}{{if true}}{{$x := 2}}{{$x = 3}}{{end}}{{$x}}', '1'],
    ['assign outer', '{{$x := 1}}{{if true}}{{$x = 3}}{{end}}{{$x}}', '3'],
    ['range scope', '{{$x := 1}}{{range .SI}}{{$x := .}}{{$x = 9}}{{end}}{{$x}}', '1'],
    // A missing key compares as nil, without an error.
    ['eq missing', '{{if eq .MSI.four 4}}y{{else}}n{{end}}{{if ne .Missing "a"}}!{{end}}', 'n!'],
    ['index missing', '{{index .MSI "four"}}', '<no value>'],
    // fmt: floats from 1e+06 in exponent form; octal constants.
    ['float', '{{1234567.5}} {{0.5}} {{017}}', '1.2345675e+06 0.5 15'],
    ['printf %g %f %q %c', '{{printf "%.3g|%.0f|%q|%q|%c" 3.14159 2.5 "a\x01" 65 -1}}', '3.14|2|"a\\x01"|\'A\'|\uFFFD'],
    ['printf extra', '{{printf "%d" 1 2}}', '1%!(EXTRA int=2)'],
    ['printf rounds the binary value', '{{printf "%.1f %.1f %.0f %.0f" 0.45 0.05 2.5 3.5}}', '0.5 0.1 2 4'],
    // nil is an argument, though not a command; html, js and urlquery print a nil one as <no value>.
    ['nil argument', '{{print nil}} {{eq .Nil nil}} {{html .Nil}} {{urlquery .MSI.four}}', '<nil> true &lt;no value&gt; %3Cno+value%3E'],
  ])('%s', (_name, text, out) => {
    expect(run(text)).toBe(out);
  });

  it('calls a method with its arguments', () => {
    expect(run('{{.Label "a"}}-{{.Label "b"}}', { Label: labelOf })).toBe('A-');
  });

  it.each([
    ['{{.X', 'template: :1: unclosed action'],
    ['{{foo}}', 'template: :1: function "foo" not defined'],
    ['{{end}}', 'template: :1: unexpected {{end}}'],
    ['{{if true}}x', 'template: :1: unexpected EOF'],
    ['{{$x}}', 'template: :1: undefined variable "$x"'],
    ['{{"a}}', 'template: :1: unterminated quoted string'],
    ['a\n{{range}}', 'template: :2: missing value for range'],
    ['{{-}}', 'template: :1: illegal number syntax: "-"'],
    ['{{😀}}', "template: :1: unrecognized character in action: U+1F600 '😀'"],
    ['{{.Name}', "template: :1: bad character U+007D '}'"],
    [`${'{{if true}}'.repeat(600)}x${'{{end}}'.repeat(600)}`, 'template: :1: max expression depth exceeded'],
    [`{{${'('.repeat(600)}1${')'.repeat(600)}}}`, 'template: :1: max expression depth exceeded'],
  ])('refuses %j as Go does', (text, error) => {
    expect(() => run(text)).toThrow(TemplateParseError);
    expect(() => run(text)).toThrow(error);
  });

  it('says where it failed, as Go does', () => {
    expect(() => run('{{.X.Y}}')).toThrow(TemplateExecError);
    // A chain of fields is placed where its second field starts, as Go's chain node is.
    expect(() => run('{{.X.Y}}')).toThrow('template: :1:4: executing "" at <.X.Y>: can\'t evaluate field Y in type string');
    expect(() => run('ab\n {{.Nil.Y}}')).toThrow('template: :2:7: executing "" at <.Nil.Y>: nil pointer evaluating interface {}.Y');
    expect(() => run('{{index .SI 9}}')).toThrow('template: :1:2: executing "" at <index .SI 9>: error calling index: index out of range: 9');
    // Arguments text/template checks before the call are placed at the function's name.
    expect(() => run('{{not 1 2}}')).toThrow('template: :1:2: executing "" at <not>: wrong number of args for not: want 1 got 2');
    expect(() => run('{{nil}}')).toThrow('nil is not a command');
  });

  it("formats as fmt.Sprintf's verbs do", () => {
    expect(sprintf('%5d|%-5s|%05d|%.2f|%q|%v|%x|%t|%%', [42, 'ab', -7, 1.23456, 'a"b', [1, 2], 255, true])).toBe(
      '   42|ab   |-0007|1.23|"a\\"b"|[1 2]|ff|true|%',
    );
    expect(sprintf('%s %s', ['a'])).toBe('a %!s(MISSING)');
    expect(sprintf('%d', ['a'])).toBe('%!d(string=a)');
  });

  it("answers any template with output or an error in Go's words, never a JavaScript exception", () => {
    const pieces = [
      '{{',
      '}}',
      '{{-',
      '-}}',
      ' ',
      '.',
      '.X',
      '.SI',
      '.MSI',
      '.Struct.A',
      '$',
      '$x',
      ':=',
      '=',
      '|',
      '(',
      ')',
      'if',
      'else',
      'end',
      'range',
      'with',
      'len',
      'index',
      'slice',
      'printf',
      'and',
      'or',
      'not',
      'eq',
      'lt',
      '"a"',
      '`b`',
      "'c'",
      '1',
      '-1',
      '1e400',
      '0x1F',
      'nil',
      'true',
      '/*',
      '*/',
      '%d',
      '\n',
      '😀',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 24 }), (parts) => {
        try {
          expect(typeof run(parts.join(''))).toBe('string');
        } catch (e) {
          if (!(e instanceof TemplateParseError || e instanceof TemplateExecError)) throw e;
          expect(e.message).toMatch(/^template: :\d+:/);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
