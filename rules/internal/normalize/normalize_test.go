package normalize

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFold(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"lower ascii untouched", "nice day", "nice day"},
		{"lower ascii with one short word", "a nice day to remember", "a nice day to remember"},
		{"upper ascii", "HeLLo", "helo"},
		{"full width latin", "ｆｕｃｋ", "fuck"},
		{"full width upper", "ＦＵＣＫ", "fuck"},
		{"full width digits", "２０２５", "2025"},
		{"half width katakana", "ｶﾞｲｼﾞﾝ", "ガイジン"},
		{"ligature", "ﬁne", "fine"},
		{"circled digit", "①", "1"},
		{"combining accent composes and strips", "Cafe\u0301", "cafe"},
		{"greek final sigma", "ΟΔΟΣ", "οδοσ"},
		{"han unchanged", "傻逼", "傻逼"},
		{"mixed", "Hi 你好 ＷＯＲＬＤ", "hi 你好 world"},
		{"invalid bytes", "a\xffb", "a\uFFFDb"},
		{"zero width", "f\u200bu\u200dc\u00adk\ufeff", "fuck"},
		{"other invisible characters", "傻\u3164逼 f\u034fu\ufe0fck 他\u034f妈", "傻逼 fuck 他妈"},
		{"diacritics", "Fučk ÇA Ñandú", "fuck ca nandu"},
		{"combining mark left alone", "f\u0306\u0306uck", "fuck"},
		{"traditional", "他媽的，傻逼們", "他妈的,傻逼们"},
		{"taiwanese you stays you", "妳好", "你好"},
		{"confusable mixed with latin", "fսck аss", "fuck as"},
		{"confusable whole word", "ѕһіt", "shit"},
		{"armenian and cyrillic look-alikes", "եіt ӽxх", "tit x"},
		{"latin letter variants", "ƒᴜçƙ ɗᴀɱɴ", "fuck damn"},
		{"enclosed letters", "🅕🅤🅒🅚 f⒰ck", "fuck fuck"},
		{"look-alikes with two readings", "sսћ", "suh\nsun"},
		{"russian left alone", "привет мир", "привет мир"},
		{"leet symbols", "$hit a$$ sh!t", "shit as shit\nshit as shlt"},
		{"leet digits", "sh1t b00bs", "shit bobs\nshlt bobs"},
		{"numbers stay numbers", "2024 1488 a55 5g", "2024 1488 a55 5g"},
		{"one letter and a vowel digit read again with its neighbours", "so h07 today", "so h07 today\nso hot today"},
		{"leading symbols read again", "(um yes", "(um yes\ncum yes"},
		{"asides stay", "(um) yes", "(um) yes"},
		{"soft symbols read again", "and/or f(x)", "and/or f(x)\nandlor f(x\nandior f(x\nand/or fcx"},
		{"leading and inner symbols", "(1alis", "(ialis\nclalis\ncialis"},
		{"punctuation stays", "wow! sure?", "wow! sure?"},
		{"separators", "f.u.c.k and f u c k", "fuck and fuck"},
		{"wide separators", "f    u     c k", "fuck"},
		{"leet symbols as separators", "a/n/a/l f|u|c|k", "anal fuck"},
		{"words keep their spaces", "hot water, this hit", "hot water, this hit"},
		{"han separators", "傻 逼，你 好", "傻逼,你好"},
		{"han punctuation kept", "你好。世界", "你好。世界"},
		{"repeats", "fuuuuck soooo", "fuck so"},
		{"han repeats kept", "哈哈哈，妈妈", "哈哈哈,妈妈"},
		{"split characters", "他女马的 弓虽", "他妈的强"},
		{"split characters as written", "扌喿你", "操你"},
		{"split characters in Traditional", "他女馬的", "他妈的"},
		{"short pieces read joined too", "fu ck off", "fu ck of\nfuck"},
		{"short words stay apart", "is it ok", "is it ok\nisitok"},
		{"long words never join", "hot water", "hot water"},
		{"pieces of a hyphenated word stay", "Pa-ki-xtan", "pa-ki-xtan"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, Fold(tt.in))
		})
	}
}

func TestOriginalSpan(t *testing.T) {
	tests := []struct {
		name, in, find, want string
	}{
		{"ascii upper", "say FUCK now", "fuck", "FUCK"},
		{"full width", "say ｆｕｃｋ now", "fuck", "ｆｕｃｋ"},
		{"partial full width", "ｆｕck", "uc", "ｕc"},
		{"after han", "你好ＡＢＣ好", "abc", "ＡＢＣ"},
		{"after invalid", "\xff\xfeSB!", "sb", "SB"},
		{"composed", "a Cafe\u0301 b", "cafe", "Cafe\u0301"},
		{"ligature start", "x ﬁne", "fine", "ﬁne"},
		{"ligature inside", "x ﬁne", "ine", "ﬁne"},
		{"zero width inside", "a f\u200buck b", "fuck", "f\u200buck"},
		{"zero width before", "a \u200bfuck b", "fuck", "fuck"},
		{"zero width at start", "\u200bfuck b", "fuck", "\u200bfuck"},
		{"zero width at start of han", "\u200b傻逼", "傻逼", "\u200b傻逼"},
		{"zero width at start of full width", "\u200bＳＢ", "sb", "\u200bＳＢ"},
		{"zero width at start of accented", "\u200bcafé", "cafe", "\u200bcafé"},
		{"separators", "say f.u.c.k now", "fuck", "f.u.c.k"},
		{"repeats", "fuuuuck", "fuck", "fuuuuck"},
		{"leet", "oh $h1t!", "shit", "$h1t"},
		{"traditional", "你媽的", "妈的", "媽的"},
		{"split", "他女马的", "他妈", "他女马"},
		{"confusable", "a fսck", "fuck", "fսck"},
		{"joined pieces", "oh fu ck off", "fuck", "fu ck"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			txt := String(tt.in)
			n := string(txt.Bytes())
			i := indexOf(n, tt.find)
			require.GreaterOrEqual(t, i, 0, "normalised %q lacks %q", n, tt.find)
			s, e := txt.OriginalSpan(i, i+len(tt.find))
			assert.Equal(t, tt.want, tt.in[s:e])
		})
	}
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

func TestSteps(t *testing.T) {
	tests := []struct {
		in, find string
		want     []string
	}{
		{"fuck", "fuck", nil},
		{"FUCK", "fuck", []string{"case"}},
		{"ｆｕｃｋ", "fuck", []string{"width"}},
		{"ＦＵＣＫ", "fuck", []string{"width", "case"}},
		{"ﬁne", "fine", []string{"nfkc"}},
		{"fučk", "fuck", []string{"diacritic"}},
		{"傻逼嗎", "傻逼吗", []string{"traditional"}},
		{"f\u200buck", "fuck", []string{"invisible"}},
		{"\xffab", "\uFFFDab", []string{"invalid"}},
		{"fսck", "fuck", []string{"confusable"}},
		{"$h1t", "shit\nshlt", []string{"leet"}},
		{"f.u.c.k", "fuck", []string{"separator"}},
		{"他女马的", "他妈的", []string{"split"}},
	}
	for _, tt := range tests {
		txt := String(tt.in)
		require.Equal(t, tt.find, string(txt.Bytes()), tt.in)
		assert.Equal(t, tt.want, txt.Steps(0, len(txt.Bytes())).Names(), tt.in)
	}
}

func TestResetReuseAllocations(t *testing.T) {
	var txt Text
	txt.Reset("Warm UP the 锅 first") // size the buffers
	allocs := testing.AllocsPerRun(100, func() { txt.Reset("Warm UP the 锅 first") })
	assert.Zero(t, allocs)
	allocs = testing.AllocsPerRun(100, func() { txt.Reset("already lower-case ascii") })
	assert.Zero(t, allocs)
}

// checkMapping verifies the invariants of the offset map for any input:
// every normalised rune maps to a non-empty, in-bounds original range on
// rune boundaries, and ranges never move backwards.
func checkMapping(t *testing.T, in string) {
	txt := String(in)
	all := txt.Bytes()
	require.True(t, utf8.Valid(all), "normalised text must be valid UTF-8: %q", all)
	// Alternative readings after the text map inside it.
	for i := txt.MainLen(); i < len(all); {
		_, size := utf8.DecodeRune(all[i:])
		if all[i] != '\n' {
			s, e := txt.OriginalSpan(i, i+size)
			require.True(t, 0 <= s && s < e && e <= len(in), "alternative rune at %d of %q maps to [%d,%d)", i, all, s, e)
		}
		i += size
	}
	n := all[:txt.MainLen()]
	lastStart := 0
	for i := 0; i < len(n); {
		_, size := utf8.DecodeRune(n[i:])
		s, e := txt.OriginalSpan(i, i+size)
		require.True(t, 0 <= s && s < e && e <= len(in), "rune at %d of %q maps to [%d,%d) of %q", i, n, s, e, in)
		require.GreaterOrEqual(t, s, lastStart, "mapping moved backwards at %d of %q", i, in)
		lastStart = s
		i += size
	}
	s, e := txt.OriginalSpan(0, len(n))
	if len(n) > 0 {
		// The whole text maps to the whole input, less invisible
		// characters at either end.
		for _, r := range in[:s] + in[e:] {
			require.True(t, Invisible(r), "whole text of %q maps to [%d,%d)", in, s, e)
		}
	}
}

func TestFoldTerm(t *testing.T) {
	f, reps := FoldTerm("Ass")
	assert.Equal(t, "as", f)
	assert.Equal(t, []uint16{1, 2}, reps)
	f, reps = FoldTerm("fuck")
	assert.Equal(t, "fuck", f)
	assert.Nil(t, reps)
	txt := String("assss")
	assert.Equal(t, []uint16{1, 4}, txt.Repeats(nil, 0, 2))
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"", "abc", "ＡＢＣ", "ﬁ", "e\u0301", "\xff\xfe", "傻逼SB", "ｶﾞ", "①②", "İstanbul", "ΣΑΣ", "a\u0301\u0301b", "\u200bfuck\u200b", "x\u200b\u0301", "f.u.c.k", "$h1t", "fuuuck", "他女马的", "fսck", "s b", "傻 逼", "(um", "(um)", "p@k|", "71t x", "f⒰ck", "j@|lbait", "and/or", "muffd|v!ng", "ƒᴜçƙ", "🅕🅤"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		checkMapping(t, in)
	})
}

func TestNormalizedRange(t *testing.T) {
	txt := String("ＡＢ 傻逼 cd")
	n := string(txt.Bytes())
	s, e := txt.NormalizedRange(0, 6)
	assert.Equal(t, "ab", n[s:e])
	s, e = txt.NormalizedRange(7, 13)
	assert.Equal(t, "傻逼", n[s:e])
	s, e = txt.NormalizedRange(1, 4) // inside Ａ and Ｂ: only whole characters
	assert.Equal(t, "", n[s:e])
	plain := String("just text")
	s, e = plain.NormalizedRange(5, 9)
	assert.Equal(t, "text", string(plain.Bytes())[s:e])
}

// A text made of nothing but ambiguous words is not written out many times
// over: the alternative readings cover at most altBudget times the text.
func TestAlternativeReadingsAreBounded(t *testing.T) {
	for _, word := range []string{"sh1t ", "(|1a/ ", "h07 "} {
		in := strings.Repeat(word, 5000)
		txt := String(in)
		assert.LessOrEqual(t, len(txt.Bytes()), (altBudget+2)*len(in)+altSlack, word)
		// The text itself is read as it was, and the budget leaves room
		// for many readings, not none.
		one := String(word)
		first := string(one.Bytes()[:one.MainLen()])
		assert.Equal(t, first, string(txt.Bytes()[:len(first)]), word)
		assert.Greater(t, strings.Count(string(txt.Bytes()), "\n"), 100, word)
	}
}
