package rules

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"testing"

	"github.com/feedguard/feedguard/rules/internal/normalize"
)

func TestRequiredLiterals(t *testing.T) {
	for _, tc := range []struct {
		pattern string
		want    []litSet
	}{
		{`abc`, []litSet{{"abc"}}},
		{`a|b`, []litSet{{"a", "b"}}},
		{`\.(?:com|net)\b`, []litSet{{".com", ".net"}}},
		{`(?:^|x)foo\s*bar`, []litSet{{"foo", "xfoo"}, {"bar"}}},
		{`(?i)abc`, nil},
		{`a*`, nil},
		{`x?`, nil},
		{`[^a]bc`, []litSet{{"bc"}}},
		{`(?:骗子|骗人)|小偷`, []litSet{{"骗子", "骗人", "小偷"}}},
		{`\d+x`, []litSet{{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}, {"x"}}},
	} {
		re, err := syntax.Parse(tc.pattern, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		got := required(re.Simplify())
		for _, s := range got {
			slices.Sort(s)
		}
		for _, s := range tc.want {
			slices.Sort(s)
		}
		if !slices.EqualFunc(got, tc.want, slices.Equal) {
			t.Errorf("required(%q) = %q, want %q", tc.pattern, got, tc.want)
		}
	}
}

// TestPrefilterNeverHidesAMatch runs every pattern of the default packs on
// the sample posts, the packs' own examples and extra strings: wherever the
// pattern matches, its prefilter must let it run.
func TestPrefilterNeverHidesAMatch(t *testing.T) {
	packs, err := DefaultPacks()
	if err != nil {
		t.Fatal(err)
	}
	texts := samplePosts(t)
	var patterns []string
	for _, p := range packs {
		for _, r := range p.Rules {
			patterns = append(patterns, r.Regex...)
			texts = append(texts, r.Examples.Match...)
			texts = append(texts, r.Examples.NoMatch...)
		}
	}
	patterns = append(patterns, `(?:^|x)foo\s*bar`, `\.(?:com|net)\b`, `[¥€£]\s?[a-z0-9]{10,12}\s?[¥€£]`, `(?i)ab+c`)
	texts = append(texts, "xfoo bar", "a.com", "￥abcdefghij￥", "ABBBC", "\xffx.net")
	var light normalize.Text
	matched := 0
	for _, p := range patterns {
		re, pre := regexp.MustCompile(p), newPrefilter(p)
		for _, text := range texts {
			light.ResetLight(text)
			b := light.Bytes()[:light.MainLen()]
			if re.Match(b) {
				matched++
				if !pre.mayMatch(b) {
					t.Errorf("prefilter of %q rules out %q, which it matches", p, b)
				}
			}
		}
	}
	if matched == 0 {
		t.Fatal("no pattern matched")
	}
}
