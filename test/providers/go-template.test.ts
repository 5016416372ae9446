// Go's text/template as the CLIs run it (src/providers/cli/go-template-*.ts).
// Cases from golang/go src/text/template/exec_test.go and parse/parse_test.go
// (their names in the comments), on data shaped as theirs: MSI is map[string]int,
// SI []int, SIEmpty []int{}; and the documented "<no value>" of a map's missing
// key (text/template's Option("missingkey=default")).
import { describe, expect, it } from 'vitest';
import { runTemplate, sprintf, TemplateExecError, TemplateParseError } from '../../src/providers/cli/go-template-exec.js';

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
    ['{{.X | }}', 'template: :1: missing command'],
    ['a\n{{range}}', 'template: :2: missing value for range'],
  ])('refuses %j as Go does', (text, error) => {
    expect(() => run(text)).toThrow(TemplateParseError);
    expect(() => run(text)).toThrow(error);
  });

  it('says where it failed, as Go does', () => {
    expect(() => run('{{.X.Y}}')).toThrow(TemplateExecError);
    expect(() => run('{{.X.Y}}')).toThrow('template: :1:2: executing "" at <.X.Y>: can\'t evaluate field Y in type string');
    expect(() => run('ab\n {{.Nil.Y}}')).toThrow('template: :2:3: executing "" at <.Nil.Y>: nil pointer evaluating interface {}.Y');
    expect(() => run('{{index .SI 9}}')).toThrow('template: :1:2: executing "" at <index>: error calling index: index out of range: 9');
  });

  it("formats as fmt.Sprintf's verbs do", () => {
    expect(sprintf('%5d|%-5s|%05d|%.2f|%q|%v|%x|%t|%%', [42, 'ab', -7, 1.23456, 'a"b', [1, 2], 255, true])).toBe(
      '   42|ab   |-0007|1.23|"a\\"b"|[1 2]|ff|true|%',
    );
    expect(sprintf('%s %s', ['a'])).toBe('a %!s(MISSING)');
    expect(sprintf('%d', ['a'])).toBe('%!d(string=a)');
  });
});
