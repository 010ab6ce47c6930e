package tone

import (
	"bufio"
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

// The regular expressions the scanners stand for.
var (
	questionMarkRE    = regexp.MustCompile(`[?？]`)
	punctFloodRE      = regexp.MustCompile(`[!！?？]{3,}|[.。]{6,}`)
	dismissiveEmojiRE = regexp.MustCompile(`🙂|🙃`)
	listRE            = regexp.MustCompile(`(?m)^\s*(?:\d{1,2}[.、)）]|[-•·*]\s|[①-⑳]|第[一二三四五六七八九十]步|step \d)`)
)

var scannerCases = []struct {
	name string
	re   *regexp.Regexp
	scan func(string) [][2]int
}{
	{"question", questionMarkRE, questionMarks},
	{"flood", punctFloodRE, punctuationFloods},
	{"dismissive", dismissiveEmojiRE, dismissiveEmoji},
	{"list", listRE, listItems},
}

// checkScanners compares every scanner with its regular expression on s.
func checkScanners(t *testing.T, s string) {
	s = strings.ToValidUTF8(s, "\uFFFD")
	for _, c := range scannerCases {
		var want [][2]int
		for _, l := range c.re.FindAllStringIndex(s, -1) {
			want = append(want, [2]int{l[0], l[1]})
		}
		require.Equal(t, want, c.scan(s), "%s on %q", c.name, s)
	}
	require.Equal(t, slices.Clip(append([]string(nil), strings.Fields(s)...)), slices.Collect(fieldsOf(s)), "fields of %q", s)
	require.Equal(t, frequentWordsMap(s), slices.Sorted(slices.Values(frequentWords(s))), "frequent words in %q", s)
}

// frequentWordsMap is frequentWords the plain way, sorted.
func frequentWordsMap(s string) []string {
	words := strings.Fields(s)
	counts := map[string]int{}
	for _, w := range words {
		if utf8.RuneCountInString(w) >= 2 {
			counts[w]++
		}
	}
	var out []string
	for w, c := range counts {
		if c >= 4 && c*3 >= len(words) {
			out = append(out, w)
		}
	}
	slices.Sort(out)
	return out
}

var scannerSeeds = []string{
	"", "?", "？", "a?b？c??", "!!", "!!!", "!!！?？", "wow!!!! really???", ".....", "......", "。。。。。。", "...。。。",
	"!!!......!!!", "..!!!", "🙂", "🙃🙂x🙂", "\xF0\x9F\x99", "\xF0\x9F\x99\x84",
	"1. one\n2. two", "12. twelve", "123. no", "1、一\n2）二\n3) three", "- item\n-item\n* star\n*\tstar",
	"• bullet\n·\tdot\n•x", "①first\n⑳last\n㉑no", "第一步 打开\n第十步\n第零步", "step 1 do\nstep x\nStep 2",
	"  \n\n  1. spaced", "\n", "\n\n- \n- x", "-\n-\n1.", "text\n 3.5kg", "a\r\n1.\f2.",
	"haha haha haha haha", "buy now buy now buy now buy now buy now", "a a a a a", "wow wow wow wow x y z w v u t s r q p",
	"好 好 好 好", "好吃 好吃 好吃 好吃 真的",
}

func TestScannersMatchRegexps(t *testing.T) {
	for _, s := range scannerSeeds {
		checkScanners(t, s)
	}
	f, err := os.Open("../../examples/data/posts.jsonl")
	require.NoError(t, err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var rec struct{ Text string }
		require.NoError(t, json.Unmarshal(sc.Bytes(), &rec))
		checkScanners(t, rec.Text)
		checkScanners(t, strings.ToLower(rec.Text))
	}
}

func FuzzScanners(f *testing.F) {
	for _, s := range scannerSeeds {
		f.Add(s)
	}
	f.Fuzz(checkScanners)
}

func TestFieldsOf(t *testing.T) {
	for _, s := range append(slices.Clone(scannerSeeds), " a\u00a0b\u3000c\u2028d\u0085e \xc2 \xe3\x80 f\u1680g\u200ah\u205fi\u202fj\v\fk ", "\xc2\x85x") {
		require.Equal(t, slices.Clip(append([]string(nil), strings.Fields(s)...)), slices.Collect(fieldsOf(s)), "%q", s)
	}
}
