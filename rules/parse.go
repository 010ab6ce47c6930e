package rules

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
)

// MaxPackBytes bounds the size of one pack file; larger files are rejected
// before they are parsed.
const MaxPackBytes = 64 << 20

// ParsePack parses one rule pack. name is used in error positions (usually
// the file path). Every problem found is returned at once as an ErrorList;
// a pack with any problem is rejected whole and the returned pack is nil.
func ParsePack(name string, data []byte) (*Pack, error) {
	var errs ErrorList
	fileErr := func(msg string) (*Pack, error) {
		errs.Add(Position{File: name}, "", msg)
		return nil, errs.Err()
	}
	if len(data) > MaxPackBytes {
		return fileErr(fmt.Sprintf("pack is %d bytes, more than the %d allowed", len(data), MaxPackBytes))
	}
	if !utf8.Valid(data) {
		line, col := invalidUTF8Pos(data)
		errs.Add(Position{File: name, Line: line, Column: col}, "", "invalid UTF-8")
		return nil, errs.Err()
	}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return fileErr("empty pack: expected a mapping with a rules list")
		}
		errs.Add(yamlErrorPos(name, err), "", "YAML syntax: "+yamlErrorMsg(err))
		return nil, errs.Err()
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		errs.Add(Position{File: name, Line: extra.Line, Column: extra.Column}, "", "a pack holds one YAML document; found another")
	}
	p := &parser{file: name, errs: &errs}
	pack := p.pack(&doc)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	pack.Source = name
	return pack, nil
}

// LoadFile reads and parses one pack file.
func LoadFile(path string) (*Pack, error) {
	data, err := readLimited(path)
	if err != nil {
		return nil, err
	}
	return ParsePack(path, data)
}

// LoadPath loads a pack file, or every *.yaml and *.yml file under a
// directory (in lexical order). Problems from all the files are returned
// together; if any file has a problem, no pack is returned.
func LoadPath(path string) ([]*Pack, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	if !info.IsDir() {
		p, err := LoadFile(path)
		if err != nil {
			return nil, err
		}
		return []*Pack{p}, nil
	}
	var files []string
	err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && isPackFile(p) {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("rules: no *.yaml or *.yml pack files under %s", path)
	}
	slices.Sort(files)
	var packs []*Pack
	var all ErrorList
	for _, f := range files {
		p, err := LoadFile(f)
		var list ErrorList
		switch {
		case errors.As(err, &list):
			all = append(all, list...)
		case err != nil:
			return nil, err
		default:
			packs = append(packs, p)
		}
	}
	if err := all.Err(); err != nil {
		return nil, err
	}
	return packs, nil
}

func isPackFile(p string) bool {
	ext := strings.ToLower(filepath.Ext(p))
	return ext == ".yaml" || ext == ".yml"
}

func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	if info.Size() > MaxPackBytes {
		return nil, ErrorList{{Pos: Position{File: path}, Msg: fmt.Sprintf("pack is %d bytes, more than the %d allowed", info.Size(), MaxPackBytes)}}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	return data, nil
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): `)

// yamlErrorPos extracts the line of a YAML syntax error. The YAML decoder
// reports lines, not columns, for syntax errors; the column is then 1.
func yamlErrorPos(file string, err error) Position {
	pos := Position{File: file}
	if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
		pos.Line, _ = strconv.Atoi(m[1])
		pos.Column = 1
	}
	return pos
}

func yamlErrorMsg(err error) string {
	msg := yamlLineRE.ReplaceAllString(err.Error(), "")
	return strings.TrimPrefix(msg, "yaml: ")
}

func invalidUTF8Pos(data []byte) (line, col int) {
	line, col = 1, 1
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col += n
		}
		i += n
	}
	return line, col
}

// parser walks the YAML node tree, collecting every problem with its
// position instead of stopping at the first.
type parser struct {
	file string
	errs *ErrorList
}

func (p *parser) pos(n *yaml.Node) Position {
	return Position{File: p.file, Line: n.Line, Column: n.Column}
}

func (p *parser) errorf(n *yaml.Node, ruleID, format string, args ...any) {
	p.errs.Add(p.pos(n), ruleID, fmt.Sprintf(format, args...))
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return "a single value"
	case yaml.AliasNode:
		return "an alias"
	}
	return "unknown YAML"
}

// fields checks that n is a mapping with only the allowed keys, and returns
// its values by key. Duplicate and unknown keys are reported.
func (p *parser) fields(n *yaml.Node, ruleID, what string, allowed ...string) map[string]*yaml.Node {
	if n.Kind != yaml.MappingNode {
		p.errorf(n, ruleID, "%s must be a mapping, found %s", what, kindName(n))
		return nil
	}
	out := make(map[string]*yaml.Node, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !slices.Contains(allowed, k.Value) {
			p.errorf(k, ruleID, "unknown key %q in %s (allowed: %s)", k.Value, what, strings.Join(allowed, ", "))
			continue
		}
		if _, dup := out[k.Value]; dup {
			p.errorf(k, ruleID, "key %q appears twice in %s", k.Value, what)
			continue
		}
		out[k.Value] = v
	}
	return out
}

func (p *parser) str(n *yaml.Node, ruleID, key string) (string, bool) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		p.errorf(n, ruleID, "%s must be a single value, found %s", key, kindName(n))
		return "", false
	}
	return n.Value, true
}

// list accepts a list of values or a single value.
func (p *parser) list(n *yaml.Node, ruleID, key string) []string {
	if n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
		return []string{n.Value}
	}
	if n.Kind != yaml.SequenceNode {
		p.errorf(n, ruleID, "%s must be a list, found %s", key, kindName(n))
		return nil
	}
	out := make([]string, 0, len(n.Content))
	for _, item := range n.Content {
		if s, ok := p.str(item, ruleID, key+" item"); ok {
			out = append(out, s)
		}
	}
	return out
}

var packKeys = []string{"pack", "description", "rules"}

var ruleKeys = []string{"id", "category", "severity", "gloss", "terms", "regex", "when", "when_digits", "languages", "not_languages", "match", "pinyin", "paranoia", "exceptions", "examples"}

var idRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._/-]*$`)

func (p *parser) pack(doc *yaml.Node) *Pack {
	root := doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	f := p.fields(root, "", "the pack", packKeys...)
	if f == nil {
		return nil
	}
	pack := &Pack{}
	if n, ok := f["pack"]; ok {
		if s, ok := p.str(n, "", "pack"); ok {
			pack.Name = s
		}
	} else {
		p.errorf(root, "", "missing key \"pack\" (the pack's name)")
	}
	if n, ok := f["description"]; ok {
		pack.Description, _ = p.str(n, "", "description")
	}
	rn, ok := f["rules"]
	if !ok {
		p.errorf(root, "", "missing key \"rules\"")
		return pack
	}
	if rn.Kind != yaml.SequenceNode {
		p.errorf(rn, "", "rules must be a list, found %s", kindName(rn))
		return pack
	}
	if len(rn.Content) == 0 {
		p.errorf(rn, "", "rules is empty")
	}
	seen := map[string]*yaml.Node{}
	for _, n := range rn.Content {
		r := p.rule(n)
		if r == nil {
			continue
		}
		if r.ID != "" {
			if prev, dup := seen[r.ID]; dup {
				p.errorf(n, r.ID, "duplicate rule id (first defined at %d:%d)", prev.Line, prev.Column)
				continue
			}
			seen[r.ID] = n
		}
		pack.Rules = append(pack.Rules, r)
	}
	return pack
}

func (p *parser) rule(n *yaml.Node) *Rule {
	// Find the id first so every later problem can name the rule.
	var id string
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == "id" && n.Content[i+1].Kind == yaml.ScalarNode {
				id = n.Content[i+1].Value
			}
		}
	}
	f := p.fields(n, id, "a rule", ruleKeys...)
	if f == nil {
		return nil
	}
	r := &Rule{ID: id, Match: MatchWord, pos: p.pos(n)}
	if v, ok := f["id"]; !ok {
		p.errorf(n, "", "rule has no id")
	} else if s, ok := p.str(v, "", "id"); ok && !idRE.MatchString(s) {
		p.errorf(v, "", "rule id %q must start with a letter or digit and hold only letters, digits and . _ / -", s)
	}
	if v, ok := f["category"]; !ok {
		p.errorf(n, id, "rule has no category")
	} else if s, ok := p.str(v, id, "category"); ok {
		if !KnownCategory(s) {
			p.errorf(v, id, "unknown category %q (known: %s)", s, strings.Join(Categories, ", "))
		}
		r.Category = s
	}
	if v, ok := f["severity"]; !ok {
		p.errorf(n, id, "rule has no severity")
	} else if s, ok := p.str(v, id, "severity"); ok {
		sev, err := ParseSeverity(s)
		if err != nil {
			p.errorf(v, id, "%s", strings.TrimPrefix(err.Error(), "rules: "))
		}
		r.Severity = sev
	}
	if v, ok := f["gloss"]; ok {
		r.Gloss, _ = p.str(v, id, "gloss")
	}
	_, hasTerms := f["terms"]
	_, hasRegex := f["regex"]
	if !hasTerms && !hasRegex {
		p.errorf(n, id, "rule has no terms (nor regex)")
	}
	if v, ok := f["terms"]; ok {
		r.Terms = p.terms(v, id, "terms")
		if len(r.Terms) == 0 && v.Kind == yaml.SequenceNode && len(v.Content) == 0 {
			p.errorf(v, id, "terms is empty")
		}
	}
	if v, ok := f["regex"]; ok {
		r.Regex = p.patterns(v, id)
	}
	if v, ok := f["when"]; ok {
		r.When = p.terms(v, id, "when")
	}
	if v, ok := f["when_digits"]; ok {
		if s, ok := p.str(v, id, "when_digits"); ok {
			n, err := strconv.Atoi(s)
			if err != nil || n < 1 || n > 1000 {
				p.errorf(v, id, "when_digits must be a whole number from 1 to 1000, found %q", s)
			}
			r.WhenDigits = n
		}
	}
	if (len(r.When) > 0 || r.WhenDigits > 0) && !hasRegex {
		p.errorf(n, id, "when and when_digits gate regex patterns; this rule has none")
	}
	if v, ok := f["exceptions"]; ok {
		r.Exceptions = p.terms(v, id, "exceptions")
	}
	if v, ok := f["languages"]; ok {
		r.Languages = p.languages(v, id, "languages")
	}
	if v, ok := f["not_languages"]; ok {
		r.NotLanguages = p.languages(v, id, "not_languages")
	}
	if v, ok := f["match"]; ok {
		if s, ok := p.str(v, id, "match"); ok {
			switch MatchMode(s) {
			case MatchWord, MatchSubstring, MatchAlone:
				r.Match = MatchMode(s)
			default:
				p.errorf(v, id, "match must be %q, %q or %q, found %q", MatchWord, MatchSubstring, MatchAlone, s)
			}
		}
	}
	if v, ok := f["paranoia"]; ok {
		if s, ok := p.str(v, id, "paranoia"); ok {
			n, err := strconv.Atoi(s)
			if err != nil || n < 1 || n > 4 {
				p.errorf(v, id, "paranoia must be 1, 2, 3 or 4, found %q", s)
			}
			r.Paranoia = n
		}
	}
	if v, ok := f["pinyin"]; ok {
		if s, ok := p.str(v, id, "pinyin"); ok {
			switch s {
			case "true", "yes":
				r.Pinyin = true
			case "false", "no":
			default:
				p.errorf(v, id, "pinyin must be true or false, found %q", s)
			}
		}
	}
	if v, ok := f["examples"]; ok {
		if ef := p.fields(v, id, "examples", "match", "no_match"); ef != nil {
			if m, ok := ef["match"]; ok {
				r.Examples.Match = p.list(m, id, "examples.match")
			}
			if m, ok := ef["no_match"]; ok {
				r.Examples.NoMatch = p.list(m, id, "examples.no_match")
			}
		}
	}
	return r
}

// terms reads a list of terms, rejecting empty ones, ones that normalise to
// nothing, and duplicates.
func (p *parser) terms(n *yaml.Node, id, key string) []string {
	var nodes []*yaml.Node
	switch {
	case n.Kind == yaml.ScalarNode && n.Tag != "!!null":
		nodes = []*yaml.Node{n}
	case n.Kind == yaml.SequenceNode:
		nodes = n.Content
	default:
		p.errorf(n, id, "%s must be a list, found %s", key, kindName(n))
		return nil
	}
	var out []string
	seen := map[string]bool{}
	for _, item := range nodes {
		s, ok := p.str(item, id, key+" item")
		if !ok {
			continue
		}
		if strings.TrimSpace(s) == "" {
			p.errorf(item, id, "empty term in %s", key)
			continue
		}
		if strings.ContainsRune(s, utf8.RuneError) {
			p.errorf(item, id, "term %q in %s holds U+FFFD, which stands for invalid text", s, key)
			continue
		}
		norm := termKey(s)
		if norm == "" {
			p.errorf(item, id, "term %q in %s is empty after normalisation", s, key)
			continue
		}
		if seen[norm] {
			p.errorf(item, id, "term %q appears twice in %s (after normalisation)", s, key)
			continue
		}
		seen[norm] = true
		out = append(out, s)
	}
	return out
}

// patterns reads a rule's regular expressions, reporting each one that
// does not compile at its own position.
func (p *parser) patterns(n *yaml.Node, id string) []string {
	vals := p.list(n, id, "regex")
	if len(vals) == 0 && n.Kind == yaml.SequenceNode {
		p.errorf(n, id, "regex is empty")
	}
	for i, v := range vals {
		at := n
		if n.Kind == yaml.SequenceNode && i < len(n.Content) {
			at = n.Content[i]
		}
		if err := checkPattern(v); err != nil {
			p.errorf(at, id, "%v", err)
		}
	}
	return vals
}

func (p *parser) languages(n *yaml.Node, id, key string) []string {
	vals := p.list(n, id, key)
	out := make([]string, 0, len(vals))
	for i, v := range vals {
		at := n
		if n.Kind == yaml.SequenceNode && i < len(n.Content) {
			at = n.Content[i]
		}
		tag, err := canonicalLanguage(v)
		if err != nil {
			p.errorf(at, id, "unknown language %q in %s: %v", v, key, err)
			continue
		}
		out = append(out, tag)
	}
	return out
}

// canonicalLanguage validates a BCP 47 tag and returns its canonical form
// ("ZH-hant" → "zh-Hant").
func canonicalLanguage(s string) (string, error) {
	if s == "" || s == "und" {
		return "", errors.New("not a language")
	}
	t, err := language.Parse(s)
	if err != nil {
		return "", err
	}
	return t.String(), nil
}
