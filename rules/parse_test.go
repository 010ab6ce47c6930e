package rules

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const goodPack = `pack: test
description: a small pack
rules:
  - id: t.insult
    category: harassment
    severity: high
    gloss: an insult
    terms: [idiot, 傻逼]
    languages: [en, zh]
    exceptions: [idiotic]
    examples:
      match: [you idiot]
      no_match: [idiotic plan]
  - id: t.spam
    category: spam/engagement-bait
    severity: 2
    match: substring
    terms: follow4follow
`

func TestParsePackGood(t *testing.T) {
	p, err := ParsePack("good.yaml", []byte(goodPack))
	require.NoError(t, err)
	assert.Equal(t, "test", p.Name)
	assert.Equal(t, "good.yaml", p.Source)
	require.Len(t, p.Rules, 2)
	r := p.Rules[0]
	assert.Equal(t, "t.insult", r.ID)
	assert.Equal(t, SeverityHigh, r.Severity)
	assert.Equal(t, MatchWord, r.Match, "word matching is the default")
	assert.Equal(t, []string{"idiot", "傻逼"}, r.Terms)
	assert.Equal(t, []string{"en", "zh"}, r.Languages)
	assert.Equal(t, []string{"you idiot"}, r.Examples.Match)
	assert.Equal(t, Position{File: "good.yaml", Line: 4, Column: 5}, r.Pos())
	assert.Equal(t, SeverityLow, p.Rules[1].Severity)
	assert.Equal(t, MatchSubstring, p.Rules[1].Match)
	assert.Equal(t, []string{"follow4follow"}, p.Rules[1].Terms, "a single term may be written without a list")
}

func TestParsePackReportsEveryProblem(t *testing.T) {
	src := `pack: bad
rules:
  - id: a
    category: harassment
    severity: high
    terms: [x]
  - id: a
    category: nonsense
    severity: 9
    terms: []
    colour: red
  - id: c
    category: hate
    severity: low
    terms: ["", "ok", "OK"]
    languages: [en, xx-notreal-lang]
    match: fuzzy
  - category: spam
    severity: low
    terms: [x]
`
	_, err := ParsePack("bad.yaml", []byte(src))
	var list ErrorList
	require.True(t, errors.As(err, &list), "want an ErrorList, got %T", err)
	want := []string{
		"bad.yaml:7:5: rule \"a\": duplicate rule id (first defined at 3:5)",
		"bad.yaml:8:15: rule \"a\": unknown category \"nonsense\"",
		"bad.yaml:9:15: rule \"a\": severity \"9\" is not one of 1-5",
		"bad.yaml:10:12: rule \"a\": terms is empty",
		"bad.yaml:11:5: rule \"a\": unknown key \"colour\" in a rule",
		"bad.yaml:15:13: rule \"c\": empty term in terms",
		"bad.yaml:15:23: rule \"c\": term \"OK\" appears twice in terms",
		"bad.yaml:16:21: rule \"c\": unknown language \"xx-notreal-lang\"",
		"bad.yaml:17:12: rule \"c\": match must be \"word\", \"substring\" or \"alone\", found \"fuzzy\"",
		"bad.yaml:18:5: rule has no id",
	}
	msgs := strings.Split(err.Error(), "\n\t")[1:]
	require.Len(t, msgs, len(want), "every problem is listed:\n%s", err)
	for i, w := range want {
		assert.True(t, strings.HasPrefix(msgs[i], w), "problem %d:\n got %s\nwant %s...", i, msgs[i], w)
	}
}

func TestParsePackSyntaxAndShape(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"yaml syntax", "pack: x\nrules:\n  - id: a\n   bad: [\n", "x.yaml:"},
		{"empty", "", "x.yaml: empty pack"},
		{"not a mapping", "- a\n- b\n", "x.yaml:1:1: the pack must be a mapping"},
		{"no rules", "pack: x\n", "x.yaml:1:1: missing key \"rules\""},
		{"rules not list", "pack: x\nrules: 3\n", "x.yaml:2:8: rules must be a list"},
		{"two documents", "pack: x\nrules: [{id: a, category: spam, severity: 1, terms: [x]}]\n---\npack: y\n", "x.yaml:3:1: a pack holds one YAML document"},
		{"invalid utf8", "pack: x\nrules:\n  - id: \xff\n", "x.yaml:3:9: invalid UTF-8"},
		{"missing fields", "pack: x\nrules:\n  - id: a\n", "x.yaml:3:5: rule \"a\": rule has no category"},
		{"bad id", "pack: x\nrules:\n  - {id: \"a b\", category: spam, severity: 1, terms: [x]}\n", "x.yaml:3:10: rule id \"a b\""},
		{"bad severity name", "pack: x\nrules:\n  - {id: a, category: spam, severity: huge, terms: [x]}\n", "x.yaml:3:39: rule \"a\": severity \"huge\""},
		{"term empty after folding", "pack: x\nrules:\n  - {id: a, category: spam, severity: 1, terms: [\"\u00a0\"]}\n", "x.yaml:3:50: rule \"a\": empty term"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ParsePack("x.yaml", []byte(tt.src))
			require.Error(t, err)
			assert.Nil(t, p, "a bad pack is rejected whole")
			assert.Contains(t, err.Error(), tt.want)
			assert.True(t, strings.HasPrefix(err.Error(), "rules: "), "errors start with the package name: %s", err)
		})
	}
}

func TestLoadPath(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644))
	}
	write("a.yaml", goodPack)
	write("notes.txt", "not a pack")
	write("b.yml", "pack: b\nrules:\n  - {id: b.one, category: spam, severity: 1, terms: [x]}\n")
	packs, err := LoadPath(dir)
	require.NoError(t, err)
	require.Len(t, packs, 2)
	assert.Equal(t, "test", packs[0].Name)
	assert.Equal(t, "b", packs[1].Name)

	// A bad file anywhere rejects the whole load, listing every file's problems.
	write("c.yaml", "pack: c\nrules:\n  - {id: c, category: nope, severity: 1, terms: [x]}\n")
	write("d.yaml", "pack: d\nrules:\n  - {id: d, category: spam, severity: 0, terms: [x]}\n")
	packs, err = LoadPath(dir)
	require.Error(t, err)
	assert.Nil(t, packs)
	assert.Contains(t, err.Error(), "c.yaml:3:23")
	assert.Contains(t, err.Error(), "d.yaml:3:39")

	_, err = LoadPath(filepath.Join(dir, "missing"))
	assert.ErrorContains(t, err, "rules: ")
	_, err = LoadPath(t.TempDir())
	assert.ErrorContains(t, err, "no *.yaml or *.yml pack files")
}

func TestErrorListErr(t *testing.T) {
	var l ErrorList
	assert.NoError(t, l.Err())
	l.Add(Position{File: "b", Line: 2, Column: 1}, "", "second")
	l.Add(Position{File: "a", Line: 9, Column: 1}, "r", "first")
	err := l.Err()
	require.Error(t, err)
	assert.Equal(t, "rules: 2 problems:\n\ta:9:1: rule \"r\": first\n\tb:2:1: second", err.Error())
}

func TestParseSeverity(t *testing.T) {
	for in, want := range map[string]Severity{"1": SeverityNote, "note": SeverityNote, "HIGH": SeverityHigh, " 5 ": SeverityCritical, "medium": SeverityMedium} {
		got, err := ParseSeverity(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for _, in := range []string{"0", "6", "severe", ""} {
		_, err := ParseSeverity(in)
		assert.Error(t, err, in)
	}
	assert.Equal(t, "high", SeverityHigh.String())
	assert.Equal(t, "Severity(7)", Severity(7).String())
}

func FuzzParsePack(f *testing.F) {
	f.Add([]byte(goodPack))
	f.Add([]byte("pack: x\nrules:\n  - id: a\n   bad: [\n"))
	f.Add([]byte("pack: x\nrules: [{id: a, category: spam, severity: 1, terms: [x], examples: {match: [x]}}]\n"))
	f.Add([]byte("&a [*a, *a]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ParsePack("f.yaml", data)
		if err != nil {
			require.Nil(t, p)
			var list ErrorList
			require.True(t, errors.As(err, &list), "%T: %v", err, err)
			for _, e := range list {
				require.Equal(t, "f.yaml", e.Pos.File)
			}
			return
		}
		// A pack that parses compiles, unless its rules are empty.
		if _, err := Compile(p); err != nil {
			require.Contains(t, err.Error(), "no rules to compile")
		}
	})
}
