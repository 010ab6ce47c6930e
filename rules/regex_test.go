package rules

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const regexPack = `pack: detectors
rules:
  - id: phone
    category: personal-data
    severity: low
    regex: ['(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}']
    when_digits: 11
  - id: wechat-id
    category: off-platform
    severity: medium
    regex: ['(?:vx|wx|微信|v信)[:： ]*[a-z][-_a-z0-9]{5,19}']
    when: [vx, wx, 微信, v信]
  - id: email
    category: personal-data
    severity: low
    regex: ['[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}']
    exceptions: [noreply@example.com]
  - id: plain
    category: profanity
    severity: low
    terms: [darn]
`

func regexSet(t *testing.T) *Set {
	p, err := ParsePack("detectors.yaml", []byte(regexPack))
	require.NoError(t, err)
	s, err := Compile(p)
	require.NoError(t, err)
	return s
}

func TestRegexRules(t *testing.T) {
	s := regexSet(t)
	tests := []struct {
		name, text string
		want       []hit
	}{
		{"phone", "电话 138 0013 8000 找我", []hit{{"phone", "138 0013 8000"}}},
		{"phone with country code", "call +86-13800138000", []hit{{"phone", "+86-13800138000"}}},
		{"full-width phone", "１３８００１３８０００", []hit{{"phone", "１３８００１３８０００"}}},
		{"too few digits for the gate", "room 1380", nil},
		{"wechat id", "加我 VX：Tony_88 哦", []hit{{"wechat-id", "VX：Tony_88"}}},
		{"wechat id needs its gate", "tony_88 is my name", nil},
		{"email", "write to Tony.Practice@Example.com today", []hit{{"email", "Tony.Practice@Example.com"}}},
		{"email exception", "noreply@example.com", nil},
		{"terms still work", "darn it", []hit{{"plain", "darn"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := s.Find(tt.text, FindOptions{Language: "zh-Hans"})
			assert.Equal(t, tt.want, hits(got))
			for _, m := range got {
				assert.Equal(t, tt.text[m.Start:m.End], m.Text)
			}
		})
	}
	ms := s.Find("１３８００１３８０００", FindOptions{})
	require.Len(t, ms, 1)
	assert.Equal(t, []string{"width"}, ms[0].Steps)
	assert.Contains(t, ms[0].Pattern, `1[3-9]\d`)
	assert.Empty(t, ms[0].Term)
}

func TestRegexGatesKeepCleanPostsFree(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not meaningful under the race detector")
	}
	p, err := ParsePack("d.yaml", []byte(`pack: d
rules:
  - {id: phone, category: personal-data, severity: low, regex: ['1[3-9]\d{9}'], when_digits: 11}
  - {id: wx, category: off-platform, severity: low, regex: ['vx[:：]\w+'], when: [vx]}
`))
	require.NoError(t, err)
	s, err := Compile(p)
	require.NoError(t, err)
	text := "Just made dumplings for the first time, 2 hours and 40 of them!"
	s.Find(text, FindOptions{})
	assert.Zero(t, testing.AllocsPerRun(100, func() { s.Find(text, FindOptions{}) }))
}

func TestRegexParseErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"bad regex", "pack: x\nrules:\n  - {id: a, category: spam, severity: 1, regex: ['(unclosed']}\n", `x.yaml:3:50: rule "a": regex "(unclosed": missing closing )`},
		{"empty match", "pack: x\nrules:\n  - {id: a, category: spam, severity: 1, regex: ['a*']}\n", "matches the empty string"},
		{"gate without regex", "pack: x\nrules:\n  - {id: a, category: spam, severity: 1, terms: [x], when: [y]}\n", "when and when_digits gate regex patterns"},
		{"bad digits", "pack: x\nrules:\n  - {id: a, category: spam, severity: 1, regex: ['\\d+'], when_digits: lots}\n", "when_digits must be a whole number"},
		{"neither", "pack: x\nrules:\n  - {id: a, category: spam, severity: 1}\n", "rule has no terms (nor regex)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParsePack("x.yaml", []byte(tt.src))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
	_, err := Compile(&Pack{Name: "go", Rules: []*Rule{{ID: "r", Category: "spam", Severity: 1, Match: MatchWord, Regex: []string{"("}}}})
	assert.ErrorContains(t, err, "missing closing )")
}

func FuzzRegexFind(f *testing.F) {
	for _, s := range []string{"138 0013 8000", "vx：abc_123", "a@b.cd", "\xff１３８００１３８０００\xfe"} {
		f.Add(s)
	}
	s := func() *Set {
		p, err := ParsePack("detectors.yaml", []byte(regexPack))
		if err != nil {
			panic(err)
		}
		set, err := Compile(p)
		if err != nil {
			panic(err)
		}
		return set
	}()
	f.Fuzz(func(t *testing.T, text string) {
		for _, m := range s.Find(text, FindOptions{Language: "zh-Hans"}) {
			require.True(t, 0 <= m.Start && m.Start < m.End && m.End <= len(text), "%+v in %q", m, text)
			require.Equal(t, text[m.Start:m.End], m.Text)
		}
	})
}

func TestRegexRunsNearItsGates(t *testing.T) {
	s := regexSet(t)
	near := "加我 vx tony_88 谢谢"
	far := "vx " + strings.Repeat("今天天气很好。", 30) + " tony_88"
	assert.Equal(t, []hit{{"wechat-id", "vx tony_88"}}, hits(s.Find(near, FindOptions{})))
	assert.Empty(t, hits(s.Find(far, FindOptions{})), "a handle far from its announcing word is not tied to it")
	two := "vx：tony_88 " + strings.Repeat("很好", 100) + " wx: anna_99"
	assert.Equal(t, []hit{{"wechat-id", "vx：tony_88"}, {"wechat-id", "wx: anna_99"}}, hits(s.Find(two, FindOptions{})))
}
