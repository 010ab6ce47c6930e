package tone

import (
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/require"
)

func TestRuneTables(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if r < 0x10000 {
			require.Equal(t, unicode.IsLetter(r), isLetter(r), "%U", r)
		}
		require.Equal(t, unicode.ToLower(r) != r, cased(r), "%U", r)
	}
}

func FuzzToLower(f *testing.F) {
	for _, s := range []string{"", "abc", "ABC", "DeepSeek 真的好用", "ΣΊΣΥΦΟΣ İstanbul Straße ǅ ＡＢＣ 𐐀", "\uFFFD", "😀A"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		s = strings.ToValidUTF8(s, "\uFFFD")
		require.Equal(t, strings.ToLower(s), toLower(s))
	})
}
