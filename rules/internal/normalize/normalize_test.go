package normalize

import (
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFold(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"lower ascii untouched", "hello world", "hello world"},
		{"upper ascii", "HeLLo", "hello"},
		{"full width latin", "ｆｕｃｋ", "fuck"},
		{"full width upper", "ＦＵＣＫ", "fuck"},
		{"full width digits", "２０２５", "2025"},
		{"half width katakana", "ｶﾞｲｼﾞﾝ", "ガイジン"},
		{"ligature", "ﬁne", "fine"},
		{"circled digit", "①", "1"},
		{"combining accent composes", "Cafe\u0301", "café"},
		{"greek final sigma", "ΟΔΟΣ", "οδοσ"},
		{"han unchanged", "傻逼", "傻逼"},
		{"mixed", "Hi 你好 ＷＯＲＬＤ", "hi 你好 world"},
		{"invalid bytes", "a\xffb", "a\uFFFDb"},
		{"zero width", "f\u200bu\u200dc\u00adk\ufeff", "fuck"},
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
		{"composed", "a Cafe\u0301 b", "café", "Cafe\u0301"},
		{"ligature start", "x ﬁne", "fine", "ﬁne"},
		{"ligature inside", "x ﬁne", "ine", "ﬁne"},
		{"zero width inside", "a f\u200buck b", "fuck", "f\u200buck"},
		{"zero width before", "a \u200bfuck b", "fuck", "fuck"},
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
	assert.Nil(t, Steps("fuck"))
	assert.Equal(t, []Step{StepCase}, Steps("FUCK"))
	assert.Equal(t, []Step{StepWidth}, Steps("ｆｕｃｋ"))
	assert.Equal(t, []Step{StepWidth, StepCase}, Steps("ＦＵＣＫ"))
	assert.Equal(t, []Step{StepCompat}, Steps("ﬁ"))
	assert.Equal(t, []Step{StepInvalid}, Steps("\xff"))
	assert.Equal(t, []Step{StepInvisible}, Steps("f\u200buck"))
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
	n := txt.Bytes()
	require.True(t, utf8.Valid(n), "normalised text must be valid UTF-8: %q", n)
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
	// Folding is idempotent.
	require.Equal(t, string(n), Fold(string(n)))
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"", "abc", "ＡＢＣ", "ﬁ", "e\u0301", "\xff\xfe", "傻逼SB", "ｶﾞ", "①②", "İstanbul", "ΣΑΣ", "a\u0301\u0301b", "\u200bfuck\u200b", "x\u200b\u0301"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		checkMapping(t, in)
	})
}
