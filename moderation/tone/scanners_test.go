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
	detailRE          = regexp.MustCompile(`(?:[` + detailCurrencies + `]\s?\d+(?:[.,]\d+)?|\d+(?:[.,]\d+)?\s?(?:` + detailUnits + `))`)
	tagRE             = regexp.MustCompile(`[#@]\S+|(?i)https?://\S+|www\.\S+`)
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
	{"tags", tagRE, tagSpans},
	{"detail", detailRE, detailMatches},
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
	require.Equal(t, nearWindowsIndex(s, contemptPivots.words), nearWindows(s, contemptPivots), "pivot windows in %q", s)

	require.Equal(t, frequentWordsMap(s), slices.Sorted(slices.Values(frequentWords(s))), "frequent words in %q", s)
}

// nearWindowsIndex is nearWindows the plain way: each pivot in turn,
// with strings.Index.
func nearWindowsIndex(s string, pivots []string) [][2]int {
	var windows [][2]int
	for _, p := range pivots {
		for i := 0; ; {
			j := strings.Index(s[i:], p)
			if j < 0 {
				break
			}
			at := i + j
			windows = append(windows, [2]int{max(0, at-pivotBefore), min(len(s), at+len(p)+pivotAfter)})
			i = at + len(p)
		}
	}
	return mergeWindows(windows)
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
	"#tag #tag# #", "@me @ x@y", "http://a HTTPS://b hTtPs:// https:/x httpſ://long", "www.x WWW. wWw.y\tz", "#\t#\f#\v#", "x#你好 @😀",
	"they are are are here", "个个个个个", "全都都是 全是就是果然", strings.Repeat("x", 200) + " are " + strings.Repeat("y", 50) + "都",
	"$", "$ ", "$ x", "$5.", "$5.5.5", "￥ 1,000", "€12,5kg", "1.2.3kg", "12.kg", "12 .kg", "3 minutes", "3 minute", "3mins", "2 dollars", "5 lbs", "5 lb", "9 cups!", "10 gold", "1\t\tkg", "1\vkg", "°c5", "5°f", "5 °c", "七5元", "１５元",
	"5kg", "5 kg", "5  kg", "5\tg", "12.5元", "3,5 dollars", "$ 5", "￥9", "2025年", "10 things", "1°c", "7 nights", "8lbs", "9%",
	"h", "ht", "htt", "http", "https", "https:", "https:/", "www", "www.", "##", "@@@", "http://x\u3000y", "ｈttp://x",
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
