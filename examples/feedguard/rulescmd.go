package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"

	"github.com/feedguard/feedguard/rules"
)

const rulesUsage = `Usage:
  feedguard rules import --lang L --category C --severity N [--whole-word] [flags] FILE
  feedguard rules lint PATH...
  feedguard rules test PATH...
`

func (e *env) rules(args []string) int {
	if len(args) == 0 {
		fmt.Fprint(e.stderr, rulesUsage)
		return exitUsage
	}
	switch args[0] {
	case "import":
		return e.rulesImport(args[1:])
	case "lint":
		return e.rulesLint(args[1:], false)
	case "test":
		return e.rulesLint(args[1:], true)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(e.stdout, rulesUsage)
		return exitOK
	}
	e.errorf("unknown rules command %q\n\n%s", args[0], rulesUsage)
	return exitUsage
}

// importedPack is the YAML shape of an imported pack, in the order the
// fields are written.
type importedPack struct {
	Pack        string         `yaml:"pack"`
	Description string         `yaml:"description"`
	Rules       []importedRule `yaml:"rules"`
}

type importedRule struct {
	ID        string   `yaml:"id"`
	Category  string   `yaml:"category"`
	Severity  int      `yaml:"severity"`
	Gloss     string   `yaml:"gloss"`
	Match     string   `yaml:"match"`
	Languages []string `yaml:"languages,omitempty"`
	Pinyin    bool     `yaml:"pinyin,omitempty"`
	Terms     []string `yaml:"terms"`
}

var nonIDChars = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

func (e *env) rulesImport(args []string) int {
	fs := e.newFlagSet("rules import", "rules import --lang L --category C --severity N [--whole-word] [flags] FILE")
	lang := fs.String("lang", "", "language of the word list, a BCP 47 tag (required)")
	category := fs.String("category", "", "category of every term (required): "+strings.Join(rules.Categories, ", "))
	severity := fs.String("severity", "", "severity of every term, 1-5 or note, low, medium, high, critical (required)")
	wholeWord := fs.Bool("whole-word", false, "match terms only as whole words (default: anywhere, inside words too)")
	scope := fs.Bool("scope", false, "apply the rule only to text detected as --lang (by default the terms apply in any language)")
	name := fs.String("name", "", "pack name (default: the file name)")
	id := fs.String("id", "", "rule id (default: import.LANG.NAME)")
	gloss := fs.String("gloss", "", "what the terms mean, shown in verdict reasons")
	pinyinFlag := fs.String("pinyin", "auto", "also match the pinyin and initials of Chinese terms, in Chinese text: true, false, or auto (true for --lang zh)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return flagStatus(err)
	}
	var problems []string
	if len(pos) != 1 {
		problems = append(problems, "give exactly one word-list FILE (or - for stdin)")
	}
	tag, err := language.Parse(*lang)
	if *lang == "" || err != nil {
		problems = append(problems, fmt.Sprintf("--lang: need a BCP 47 language tag, got %q", *lang))
	}
	if !rules.KnownCategory(*category) {
		problems = append(problems, fmt.Sprintf("--category: need one of %s, got %q", strings.Join(rules.Categories, ", "), *category))
	}
	sev, err := rules.ParseSeverity(*severity)
	if err != nil {
		problems = append(problems, "--severity: "+strings.TrimPrefix(err.Error(), "rules: "))
	}
	usePinyin := false
	switch *pinyinFlag {
	case "true":
		usePinyin = true
	case "false":
	case "auto":
		base, _ := tag.Base()
		usePinyin = base.String() == "zh"
	default:
		problems = append(problems, fmt.Sprintf("--pinyin: need true, false or auto, got %q", *pinyinFlag))
	}
	if len(problems) > 0 {
		for _, p := range problems {
			e.errorf("rules import: %s", p)
		}
		return exitUsage
	}
	src := pos[0]
	var in io.Reader = e.stdin
	if src != "-" {
		f, err := os.Open(src)
		if err != nil {
			e.errorf("rules import: %v", err)
			return exitUsage
		}
		defer f.Close()
		in = f
	}
	base := strings.TrimSuffix(filepath.Base(src), filepath.Ext(src))
	if src == "-" {
		base = "stdin"
	}
	if *name == "" {
		*name = base
	}
	if *id == "" {
		*id = "import." + tag.String() + "." + strings.Trim(nonIDChars.ReplaceAllString(*name, "-"), "-")
	}
	terms, skipped, err := readWordList(in)
	if err != nil {
		e.errorf("rules import: reading %s: %v", src, err)
		return exitUsage
	}
	for _, s := range skipped {
		e.errorf("rules import: %s:%s", src, s)
	}
	if len(terms) == 0 {
		e.errorf("rules import: %s holds no terms", src)
		return exitUsage
	}
	r := importedRule{ID: *id, Category: *category, Severity: int(sev), Gloss: *gloss, Match: string(rules.MatchSubstring), Terms: terms}
	if *wholeWord {
		r.Match = string(rules.MatchWord)
	}
	if r.Gloss == "" {
		r.Gloss = fmt.Sprintf("A %s term from the %s word list (%s).", *category, *name, tag)
	}
	if *scope {
		r.Languages = []string{tag.String()}
	}
	r.Pinyin = usePinyin
	pack := importedPack{Pack: *name, Description: fmt.Sprintf("Imported from %s: %d terms.", filepath.Base(src), len(terms)), Rules: []importedRule{r}}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(pack); err != nil {
		e.errorf("rules import: %v", err)
		return exitUsage
	}
	enc.Close()
	// The pack written must be one that --rules accepts.
	if _, err := rules.ParsePack(*name+".yaml", buf.Bytes()); err != nil {
		e.errorf("rules import: the generated pack is invalid: %v", err)
		return exitProblems
	}
	fmt.Fprintf(e.stdout, "# Rule pack imported by feedguard rules import from %s.\n", filepath.Base(src))
	e.stdout.Write(buf.Bytes())
	e.errorf("rules import: %d terms imported, %d lines skipped", len(terms), len(skipped))
	return exitOK
}

// readWordList reads one term a line, skipping blank lines and # comments,
// and dropping terms that repeat (after normalisation) or cannot be
// matched. It returns the reasons for every line skipped other than blank
// ones and comments.
func readWordList(r io.Reader) (terms, skipped []string, err error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	seen := map[string]int{}
	for n := 1; sc.Scan(); n++ {
		t := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\uFEFF"))
		switch {
		case t == "" || strings.HasPrefix(t, "#"):
			continue
		case !utf8.ValidString(t) || strings.ContainsRune(t, utf8.RuneError):
			skipped = append(skipped, fmt.Sprintf("%d: skipped: not valid UTF-8", n))
			continue
		}
		norm := rules.TermKey(t)
		if norm == "" {
			skipped = append(skipped, fmt.Sprintf("%d: skipped %q: empty after normalisation", n, t))
			continue
		}
		if first, dup := seen[norm]; dup {
			skipped = append(skipped, fmt.Sprintf("%d: skipped %q: same term as line %d after normalisation", n, t, first))
			continue
		}
		seen[norm] = n
		terms = append(terms, t)
	}
	return terms, skipped, sc.Err()
}

// rulesLint checks packs: parsing every file, then compiling them together
// (duplicate ids across files), and with examples set, running every rule's
// own examples. Every problem is printed as file:line:col: message.
func (e *env) rulesLint(paths []string, examples bool) int {
	cmd := "lint"
	if examples {
		cmd = "test"
	}
	if len(paths) == 0 {
		e.errorf("rules %s: give at least one pack file or folder", cmd)
		return exitUsage
	}
	var packs []*rules.Pack
	var problems rules.ErrorList
	for _, p := range paths {
		ps, err := rules.LoadPath(p)
		var list rules.ErrorList
		switch {
		case errors.As(err, &list):
			problems = append(problems, list...)
		case err != nil:
			e.errorf("rules %s: %v", cmd, err)
			return exitUsage
		default:
			packs = append(packs, ps...)
		}
	}
	nrules := 0
	if len(problems) == 0 {
		set, err := rules.Compile(packs...)
		var list rules.ErrorList
		switch {
		case errors.As(err, &list):
			problems = append(problems, list...)
		case err != nil:
			e.errorf("rules %s: %v", cmd, err)
			return exitProblems
		default:
			nrules = set.Len()
			if examples {
				if err := set.Test(); errors.As(err, &list) {
					problems = append(problems, list...)
				}
			}
		}
	}
	problems.Sort()
	for _, p := range problems {
		fmt.Fprintln(e.stdout, p.Error())
	}
	if len(problems) > 0 {
		e.errorf("rules %s: %d problem(s)", cmd, len(problems))
		return exitProblems
	}
	e.errorf("rules %s: ok: %d pack(s), %d rule(s)", cmd, len(packs), nrules)
	return exitOK
}
