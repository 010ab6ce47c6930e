package rules

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const testPack = `pack: test
rules:
  - id: profanity
    category: profanity
    severity: medium
    terms: [fuck, fucking, shit]
  - id: vulgar
    category: profanity
    severity: medium
    terms: [cunt, dick]
    exceptions: [dick van dyke]
  - id: sub
    category: spam
    severity: low
    match: substring
    terms: [ass]
    exceptions: [assassin, assessment, class]
  - id: shabi
    category: harassment
    severity: high
    terms: [傻逼, 傻b]
  - id: tamade
    category: profanity
    severity: medium
    terms: [他妈的, 妈的]
    exceptions: [他妈妈的, 妈妈的]
  - id: sb
    category: harassment
    severity: medium
    terms: [sb]
    languages: [zh]
  - id: not-zh
    category: extremism
    severity: high
    terms: ["88"]
    not_languages: [zh]
  - id: caochang
    category: profanity
    severity: high
    terms: [操]
    exceptions: [操场, 体操, 操作]
  - id: alone
    category: harassment
    severity: low
    match: alone
    terms: [loser, 垃圾]
`

var testSet = sync.OnceValue(func() *Set {
	p, err := ParsePack("test.yaml", []byte(testPack))
	if err != nil {
		panic(err)
	}
	s, err := Compile(p)
	if err != nil {
		panic(err)
	}
	return s
})

type hit struct{ rule, text string }

func hits(ms []Match) []hit {
	var out []hit
	for _, m := range ms {
		out = append(out, hit{m.RuleID, m.Text})
	}
	return out
}

func TestFind(t *testing.T) {
	tests := []struct {
		name string
		text string
		lang string
		want []hit
	}{
		{"plain", "oh fuck it", "en", []hit{{"profanity", "fuck"}}},
		{"upper case", "OH FUCK", "en", []hit{{"profanity", "FUCK"}}},
		{"full width", "ｆｕｃｋ this", "en", []hit{{"profanity", "ｆｕｃｋ"}}},
		{"longest term wins", "fucking hell", "en", []hit{{"profanity", "fucking"}}},
		{"word boundary", "fuckery and shitake", "en", nil},
		{"scunthorpe", "Scunthorpe General Hospital", "en", nil},
		{"exception", "Dick Van Dyke films", "en", nil},
		{"exception does not cover other", "dick Van Dyke dick", "en", []hit{{"vulgar", "dick"}}},
		{"substring with exceptions", "assassin assessment classic badass", "en", []hit{{"sub", "ass"}}},
		{"han without boundaries", "你个傻逼啊", "zh-Hans", []hit{{"shabi", "傻逼"}}},
		{"han next to latin", "傻B博主", "zh-Hans", []hit{{"shabi", "傻B"}}},
		{"han term inside latin word still bounded", "傻bi", "zh-Hans", nil},
		{"chinese exception", "他妈妈的饭很好吃", "zh-Hans", nil},
		{"chinese real", "他妈的太贵了", "zh-Hans", []hit{{"tamade", "他妈的"}}},
		{"chinese innocent characters", "操场上做体操", "zh-Hans", nil},
		{"chinese hit beside innocent", "操场上操", "zh-Hans", []hit{{"caochang", "操"}}},
		{"scoped rule in its language", "你是sb吗", "zh-Hans", []hit{{"sb", "sb"}}},
		{"scoped rule elsewhere", "ask sb for help", "en", nil},
		{"scoped rule unknown language", "sb", "und", nil},
		{"excluded language", "bye 88", "zh-Hans", nil},
		{"not excluded", "proud 88", "en", []hit{{"not-zh", "88"}}},
		{"not_languages with unknown language applies", "88", "", []hit{{"not-zh", "88"}}},
		{"number boundary", "1880 and 880", "en", nil},
		{"invalid utf8 around", "\xff\xfefuck\xff", "en", []hit{{"profanity", "fuck"}}},
		{"several", "shit, 傻逼 fuck", "en", []hit{{"profanity", "shit"}, {"shabi", "傻逼"}, {"profanity", "fuck"}}},
		{"empty", "", "en", nil},
	}
	s := testSet()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := s.Find(tt.text, FindOptions{Language: tt.lang})
			assert.Equal(t, tt.want, hits(got))
			for _, m := range got {
				assert.Equal(t, tt.text[m.Start:m.End], m.Text)
			}
		})
	}
}

func TestFindSpanLanguage(t *testing.T) {
	s := testSet()
	text := "ask sb for help 你是sb吗"
	zh := strings.Index(text, "你")
	opts := FindOptions{Language: "en", Spans: []Span{{0, zh, "en"}, {zh, len(text), "zh-Hans"}}}
	got := s.Find(text, opts)
	require.Len(t, got, 1)
	assert.Equal(t, zh+len("你是"), got[0].Start)
	assert.Equal(t, "zh-Hans", got[0].Language)

	// A span of unknown language falls back to the post's language.
	opts = FindOptions{Language: "zh-Hans", Spans: []Span{{0, 2, "und"}}}
	assert.Equal(t, []hit{{"sb", "sb"}}, hits(s.Find("sb", opts)))
}

func TestFindAlsoLanguages(t *testing.T) {
	s := testSet()
	// "88" is excluded in Chinese; a guess of Chinese with English also
	// possible lets it apply.
	assert.Empty(t, hits(s.Find("88", FindOptions{Language: "zh-Hans"})))
	assert.Equal(t, []hit{{"not-zh", "88"}}, hits(s.Find("88", FindOptions{Language: "zh-Hans", Also: []string{"en"}})))
	// "sb" is scoped to Chinese.
	assert.Empty(t, hits(s.Find("sb", FindOptions{Language: "en"})))
	assert.Equal(t, []hit{{"sb", "sb"}}, hits(s.Find("sb", FindOptions{Language: "en", Also: []string{"zh"}})))
	assert.Empty(t, hits(s.Find("sb", FindOptions{Language: "en", Also: []string{"und", ""}})))
}

func TestMatchExplains(t *testing.T) {
	got := testSet().Find("ＦＵＣＫ", FindOptions{})
	require.Len(t, got, 1)
	m := got[0]
	assert.Equal(t, Match{RuleID: "profanity", Category: "profanity", Severity: SeverityMedium, Start: 0, End: 12,
		Text: "ＦＵＣＫ", Term: "fuck", Steps: []string{"width", "case"}, Paranoia: 1}, m)
}

func TestPinyin(t *testing.T) {
	p, err := ParsePack("p.yaml", []byte("pack: p\nrules:\n  - {id: shabi, category: harassment, severity: high, terms: [傻逼], pinyin: true}\n  - {id: plain, category: harassment, severity: high, terms: [脑残]}\n"))
	require.NoError(t, err)
	s, err := Compile(p)
	require.NoError(t, err)
	tests := []struct {
		text, lang string
		want       []hit
		steps      []string
	}{
		{"你是shabi吗", "zh-Hans", []hit{{"shabi", "shabi"}}, []string{"pinyin"}},
		{"你是 sha bi", "zh-Hans", []hit{{"shabi", "sha bi"}}, []string{"pinyin"}},
		{"你是SB", "zh-Hans", []hit{{"shabi", "SB"}}, []string{"case", "initials"}},
		{"你是s.b.", "zh-Hans", []hit{{"shabi", "s.b"}}, []string{"separator", "initials"}},
		{"ask sb for help", "en", nil, nil},
		{"sb", "und", nil, nil},
		{"sbc", "zh-Hans", nil, nil},
		{"看 www.sb.com 和 a.sb", "zh-Hans", nil, nil},
		{"你是sb.", "zh-Hans", []hit{{"shabi", "sb"}}, []string{"initials"}},
		{"naocan", "zh-Hans", nil, nil},
		{"你就是个傻bi", "zh-Hans", []hit{{"shabi", "傻bi"}}, []string{"pinyin"}},
		{"你就是个sha逼吧", "zh-Hans", []hit{{"shabi", "sha逼"}}, []string{"pinyin"}},
		{"usha逼", "zh-Hans", nil, nil},
	}
	for _, tt := range tests {
		got := s.Find(tt.text, FindOptions{Language: tt.lang})
		assert.Equal(t, tt.want, hits(got), tt.text)
		if len(got) == 1 {
			assert.Equal(t, tt.steps, got[0].Steps, tt.text)
			assert.Equal(t, "傻逼", got[0].Term)
		}
	}
	assert.Equal(t, []variant{{"shabi", "pinyin"}, {"sha bi", "pinyin"}, {"sb", "initials"}, {"sha逼", "pinyin"}, {"傻bi", "pinyin"}}, romanize("傻逼"))
	assert.Len(t, romanize("草泥马"), 3+6, "three forms and six mixes")
	assert.Len(t, romanize("你妈死了全家"), 3, "no mixes beyond four characters")
	assert.Nil(t, romanize("操"), "single characters get no romanisation")
}

func TestQuoted(t *testing.T) {
	s := testSet()
	for text, want := range map[string]bool{
		`"sb" means 傻逼`:       true,
		"「傻逼」是骂人的话":           true,
		"“shit” is rude":      true,
		"你个傻逼":                false,
		`"sb 吗`:               false,
		"「傻逼』":                false,
		"傻逼这个词太难听了":           true,
		"sb（傻逼的缩写）":           true,
		"sb (short for 傻逼)":   true,
		"sb（你懂的）":             false,
		"what does shit mean": true,
		"the word shit":       true,
		"所谓的傻逼":               true,
		"you shit":            false,
		"a shit meanie":       false,
	} {
		ms := s.Find(text, FindOptions{Language: "zh-Hans"})
		require.NotEmpty(t, ms, text)
		assert.Equal(t, want, ms[0].Quoted, text)
	}
}

func TestMatchAlone(t *testing.T) {
	p, err := ParsePack("alone.yaml", []byte("pack: alone\nrules:\n  - {id: put-down, category: harassment, severity: low, match: alone, terms: [crap, loser, 垃圾]}\n"))
	require.NoError(t, err)
	s, err := Compile(p)
	require.NoError(t, err)
	for text, want := range map[string]bool{
		"crap":                true,
		"Crap!!!":             true,
		"  loser 😂":           true,
		"crap 💩💩":             true,
		"#loser":              true,
		"“l o s e r”":         true,
		"\xffcrap\xfe":        true,
		"垃圾":                  true,
		"垃圾！！":                true,
		"the battery is crap": false,
		"crap battery":        false,
		"loser loser":         false,
		"crap2":               false,
		"垃圾分类":                false,
		"倒垃圾":                 false,
		"ok":                  false,
	} {
		ms := s.Find(text, FindOptions{})
		assert.Equal(t, want, len(ms) == 1, "%q: %v", text, hits(ms))
	}
}

func TestCompileErrors(t *testing.T) {
	a, err := ParsePack("a.yaml", []byte("pack: a\nrules:\n  - {id: x, category: spam, severity: 1, terms: [a]}\n"))
	require.NoError(t, err)
	b, err := ParsePack("b.yaml", []byte("pack: b\nrules:\n  - {id: x, category: spam, severity: 1, terms: [b]}\n"))
	require.NoError(t, err)
	_, err = Compile(a, b)
	assert.ErrorContains(t, err, `b.yaml:3:5: rule "x": duplicate rule id (first defined at a.yaml:3:5)`)

	_, err = Compile()
	assert.ErrorContains(t, err, "no rules")

	bad := &Pack{Name: "go", Rules: []*Rule{{ID: "", Category: "nope", Severity: 9, Match: "x", Terms: []string{" "}, Languages: []string{"EN"}}}}
	_, err = Compile(bad)
	require.Error(t, err)
	for _, want := range []string{"rule has no id", "unknown category", "severity 9", "match must be", "empty after normalisation", "not a canonical"} {
		assert.Contains(t, err.Error(), want)
	}
}

func TestVersion(t *testing.T) {
	p1, _ := ParsePack("one.yaml", []byte(testPack))
	p2, _ := ParsePack("two.yaml", []byte(testPack))
	s1, err := Compile(p1)
	require.NoError(t, err)
	s2, err := Compile(p2)
	require.NoError(t, err)
	assert.Equal(t, s1.Version(), s2.Version(), "same rules, same version")
	p3, _ := ParsePack("three.yaml", []byte(strings.Replace(testPack, "severity: high", "severity: critical", 1)))
	s3, err := Compile(p3)
	require.NoError(t, err)
	assert.NotEqual(t, s1.Version(), s3.Version())
	assert.Len(t, s1.Version(), 12)
}

func TestDefaultPacks(t *testing.T) {
	s, err := Default()
	require.NoError(t, err)
	assert.Greater(t, s.Len(), 20)
	cats := map[string]bool{}
	for _, r := range s.Rules() {
		cats[r.Category] = true
		assert.NotEmpty(t, r.Gloss, "rule %s needs a gloss", r.ID)
	}
	for _, c := range []string{"harassment", "hate", "profanity", "sexual", "sexual/minors", "self-harm/intent", "spam/engagement-bait", "scam", "off-platform", "personal-data", "advertising/undisclosed", "extremism", "harassment/threatening"} {
		assert.True(t, cats[c], "default packs cover %s", c)
	}
	// Every rule's own examples hold.
	assert.NoError(t, s.Test())
}

func TestDefaultPacksInnocentText(t *testing.T) {
	s, err := Default()
	require.NoError(t, err)
	innocent := []struct{ text, lang string }{
		{"Scunthorpe General Hospital", "en"},
		{"The assassin in this classic novel", "en"},
		{"a cocktail at the Dick Van Dyke bar", "en"},
		{"Can you ask sb for help with the assessment?", "en"},
		{"I need hot water, this hit me hard", "en"},
		{"我们在操场上跑步", "zh-Hans"},
		{"日本的鸡蛋和牛奶都很好", "zh-Hans"},
		{"性别平等很重要", "zh-Hans"},
		{"那个，我想问一下", "zh-Hans"},
		{"88，明天见", "zh-Hans"},
		{"666太厉害了", "zh-Hans"},
		{"老外也爱吃火锅", "zh-Hans"},
		{"宝贝想死你了", "zh-Hans"},
		{"旧衣服废物利用", "zh-Hans"},
		{"微信支付很方便", "zh-Hans"},
		{"干杯！干净的房间", "zh-Hans"},
	}
	for _, tt := range innocent {
		assert.Empty(t, hits(s.Find(tt.text, FindOptions{Language: tt.lang})), "%q", tt.text)
	}
}

func TestFindNoMatchAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not meaningful under the race detector")
	}
	s, err := Default()
	require.NoError(t, err)
	for _, text := range []string{
		"Just made my first batch of dumplings, the dough was easier than I thought",
		"今天去了一家新开的咖啡店，环境很好，拿铁也不错",
		"Welcome TikTok refugees! 欢迎来到小红书～",
	} {
		s.Find(text, FindOptions{Language: "en"})
		allocs := testing.AllocsPerRun(200, func() { s.Find(text, FindOptions{Language: "en"}) })
		assert.Zero(t, allocs, "%q", text)
	}
}

func TestFindConcurrent(t *testing.T) {
	s := testSet()
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				text := fmt.Sprintf("g%dx 傻逼 fuck i%dx", g, i)
				assert.Len(t, s.Find(text, FindOptions{Language: "en"}), 2)
			}
		}()
	}
	wg.Wait()
}

// naiveFind is the reference for substring rules without exceptions or
// scope: every occurrence of every folded term in the folded text.
func naiveCount(text string, terms []string) int {
	n := 0
	for _, term := range terms {
		for i := 0; ; {
			j := strings.Index(text[i:], term)
			if j < 0 {
				break
			}
			n++
			i += j + 1
		}
	}
	return n
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{"oh fuck it", "ｆｕｃｋ", "你个傻逼啊", "\xff\xfefuck", "Dick Van Dyke", "assassin ass", "他妈妈的", "ＡＳＳＡＳＳＩＮ ass", "loser!!", "«垃圾»", "l o s e r 🤡"} {
		f.Add(s)
	}
	s := testSet()
	f.Fuzz(func(t *testing.T, text string) {
		for _, lang := range []string{"en", "zh-Hans", ""} {
			ms := s.Find(text, FindOptions{Language: lang})
			for _, m := range ms {
				require.True(t, 0 <= m.Start && m.Start < m.End && m.End <= len(text), "%+v in %q", m, text)
				require.Equal(t, text[m.Start:m.End], m.Text)
				require.True(t, utf8.ValidString(m.Text), "match on rune boundaries: %q", m.Text)
				if m.RuleID == "alone" {
					// Nothing but spaces, punctuation, symbols and emoji
					// around it.
					outside := text[:m.Start] + " " + text[m.End:]
					require.Equal(t, -1, strings.IndexFunc(outside, func(r rune) bool {
						return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
					}), "alone match %q in %q", m.Text, text)
				}
			}
		}
	})
}

// TestFindAgainstReference checks, on ASCII lower-case text where
// normalisation is the identity, that substring rules find exactly what a
// naive search finds.
func TestFindAgainstReference(t *testing.T) {
	p := &Pack{Name: "ref", Rules: []*Rule{{ID: "r", Category: "spam", Severity: 1, Match: MatchSubstring, Terms: []string{"ab", "abc", "bca", "c"}}}}
	s, err := Compile(p)
	require.NoError(t, err)
	texts := []string{"", "abc", "abcabc", "cabcab", "aaaa", "bcabca", "xyz", "ababcbcacab"}
	for _, text := range texts {
		ms := s.Find(text, FindOptions{})
		// Leftmost-longest per start, non-overlapping within the rule.
		var want []string
		for i := 0; i < len(text); {
			best := ""
			for _, term := range []string{"ab", "abc", "bca", "c"} {
				if strings.HasPrefix(text[i:], term) && len(term) > len(best) {
					best = term
				}
			}
			if best == "" {
				i++
				continue
			}
			want = append(want, best)
			i += len(best)
		}
		var got []string
		for _, m := range ms {
			got = append(got, m.Text)
		}
		assert.Equal(t, want, got, "%q", text)
		assert.LessOrEqual(t, len(ms), naiveCount(text, []string{"ab", "abc", "bca", "c"}))
	}
}

// The Latin letters of a term that mixes them with Han characters form a
// word: "tm的" is not found in "atm的", "傻b" not in "傻boy".
func TestMixedTermBoundaries(t *testing.T) {
	p, err := ParsePack("p.yaml", []byte("pack: p\nrules:\n  - {id: tmd, category: profanity, severity: medium, terms: [tm的, 傻b]}\n"))
	require.NoError(t, err)
	s, err := Compile(p)
	require.NoError(t, err)
	for text, want := range map[string]int{"这tm的太贵": 1, "atm的手续费": 0, "TM的": 1, "真傻B啊": 1, "傻boy一个": 0, "你傻b": 1} {
		assert.Len(t, s.Find(text, FindOptions{Language: "zh-Hans"}), want, text)
	}
}
