package langdetect

import (
	"bufio"
	"cmp"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/pemistahl/lingua-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The evaluation data lives beside the checkout and is never copied into
// the repository; see ../shared/data/README.md.
const (
	langidDir    = "../../shared/data/langid"
	zhVariantDir = "../../shared/data/zh_variants"
)

type sample struct {
	lang, kind, text string
}

// readTSV returns the rows of a tab-separated file after its header.
func readTSV(tb testing.TB, path string) [][]string {
	tb.Helper()
	f, err := os.Open(path)
	require.NoError(tb, err)
	defer f.Close()
	var rows [][]string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for first := true; sc.Scan(); first = false {
		if !first {
			rows = append(rows, strings.Split(sc.Text(), "\t"))
		}
	}
	require.NoError(tb, sc.Err())
	return rows
}

func requireData(tb testing.TB, dir string) {
	tb.Helper()
	if _, err := os.Stat(dir); err != nil {
		tb.Skipf("evaluation data not found at %s (it lives beside the checkout, not in it): %v", dir, err)
	}
}

// loadSamples reads the lingua test sentences and word pairs, derives
// single words from the word pairs written with a space, and adds the UDHR
// articles of the default languages.
func loadSamples(tb testing.TB) []sample {
	var out []sample
	for _, row := range readTSV(tb, filepath.Join(langidDir, "lingua_pairs_sentences.tsv")) {
		if len(row) != 3 {
			continue
		}
		kind := map[string]string{"sentences": "sentences", "word-pairs": "word pairs"}[row[1]]
		require.NotEmpty(tb, kind, "unknown kind %q", row[1])
		out = append(out, sample{row[0], kind, row[2]})
		if first, _, ok := strings.Cut(row[2], " "); ok && row[1] == "word-pairs" && first != "" {
			out = append(out, sample{row[0], "single words", first})
		}
	}
	for _, row := range readTSV(tb, filepath.Join(langidDir, "udhr_articles.tsv")) {
		if len(row) == 4 && slices.Contains(defaultLanguages, row[0]) {
			out = append(out, sample{row[0], "UDHR", row[3]})
		}
	}
	return out
}

func baseTag(tag string) string {
	if strings.HasPrefix(tag, "zh-") {
		return "zh"
	}
	return tag
}

type tally struct{ ok, n int }

func (t tally) pct() float64 {
	if t.n == 0 {
		return 0
	}
	return 100 * float64(t.ok) / float64(t.n)
}

func TestAccuracyReport(t *testing.T) {
	requireData(t, langidDir)
	if testing.Short() {
		t.Skip("accuracy report skipped in -short mode")
	}
	samples := loadSamples(t)
	d := testDetector(t)
	l15 := testLingua15(t)

	kinds := []string{"sentences", "word pairs", "single words", "UDHR"}
	type key struct{ impl, lang, kind string }
	res := map[key]tally{}
	for _, s := range samples {
		fg := baseTag(d.Detect(s.text).Language)
		li := linguaTag(l15, s.text)
		for impl, got := range map[string]string{"feedguard": fg, "lingua15": li} {
			k := key{impl, s.lang, s.kind}
			tl := res[k]
			tl.n++
			if got == s.lang {
				tl.ok++
			}
			res[k] = tl
		}
	}

	var b strings.Builder
	fmt.Fprintf(&b, "\naccuracy %% (feedguard / lingua restricted to the same 15 languages), measured on ../shared/data/langid\n")
	fmt.Fprintf(&b, "| lang |")
	for _, k := range kinds {
		fmt.Fprintf(&b, " %s |", k)
	}
	fmt.Fprintf(&b, "\n|---|---|---|---|---|\n")
	macro := map[key][2]float64{} // sum of per-language accuracy, number of languages
	micro := map[key]tally{}
	for _, lang := range defaultLanguages {
		fmt.Fprintf(&b, "| %s |", lang)
		for _, kind := range kinds {
			f, l := res[key{"feedguard", lang, kind}], res[key{"lingua15", lang, kind}]
			if f.n == 0 {
				fmt.Fprintf(&b, " – |")
				continue
			}
			fmt.Fprintf(&b, " %.1f / %.1f (n=%d) |", f.pct(), l.pct(), f.n)
			for impl, tl := range map[string]tally{"feedguard": f, "lingua15": l} {
				k := key{impl, "", kind}
				m := macro[k]
				macro[k] = [2]float64{m[0] + tl.pct(), m[1] + 1}
				mi := micro[k]
				micro[k] = tally{mi.ok + tl.ok, mi.n + tl.n}
			}
		}
		fmt.Fprintf(&b, "\n")
	}
	for _, avg := range []string{"mean of languages", "all samples"} {
		fmt.Fprintf(&b, "| **%s** |", avg)
		for _, kind := range kinds {
			var f, l float64
			if avg == "mean of languages" {
				fm, lm := macro[key{"feedguard", "", kind}], macro[key{"lingua15", "", kind}]
				f, l = fm[0]/fm[1], lm[0]/lm[1]
			} else {
				f, l = micro[key{"feedguard", "", kind}].pct(), micro[key{"lingua15", "", kind}].pct()
			}
			fmt.Fprintf(&b, " **%.1f / %.1f** |", f, l)
		}
		fmt.Fprintf(&b, "\n")
	}
	t.Log(b.String())

	for _, kind := range kinds {
		f, l := micro[key{"feedguard", "", kind}], micro[key{"lingua15", "", kind}]
		assert.GreaterOrEqual(t, f.pct(), l.pct()-0.05, "feedguard below lingua on %s", kind)
	}
}

// TestChineseVariantReport measures the Simplified/Traditional decision on
// the UDHR in both scripts, and Cantonese (written in Traditional
// characters).
func TestChineseVariantReport(t *testing.T) {
	requireData(t, langidDir)
	requireData(t, zhVariantDir)
	d := testDetector(t)
	type row struct{ name, want, text string }
	var rows []row
	for _, r := range readTSV(t, filepath.Join(zhVariantDir, "udhr_hans_hant_pairs.tsv")) {
		if len(r) == 3 {
			rows = append(rows, row{"udhr_hans_hant_pairs zh_Hans", SimplifiedChinese, r[1]}, row{"udhr_hans_hant_pairs zh_Hant", TraditionalChinese, r[2]})
		}
	}
	for _, r := range readTSV(t, filepath.Join(langidDir, "udhr_articles.tsv")) {
		switch {
		case len(r) != 4:
		case r[0] == "zh":
			rows = append(rows, row{"udhr_articles zh (cmn_hans)", SimplifiedChinese, r[3]})
		case r[0] == "zh-Hant":
			rows = append(rows, row{"udhr_articles zh-Hant (cmn_hant)", TraditionalChinese, r[3]})
		case r[0] == "yue":
			// This source writes Cantonese in Simplified characters.
			rows = append(rows, row{"udhr_articles yue (Cantonese, Simplified script, informative)", SimplifiedChinese, r[3]})
		}
	}
	// Texts spelled identically in both scripts (article 9) cannot be told
	// apart; they are counted, and also reported separately.
	hans := map[string]bool{}
	for _, r := range rows {
		if r.want == SimplifiedChinese {
			hans[r.text] = true
		}
	}
	res := map[string]tally{}
	var names []string
	var total, distinct tally
	for _, r := range rows {
		got := d.Detect(r.text).Language
		tl := res[r.name]
		if tl.n == 0 {
			names = append(names, r.name)
		}
		tl.n++
		ok := got == r.want
		if ok {
			tl.ok++
		} else {
			t.Logf("%s: got %s for %.40q", r.name, got, r.text)
		}
		res[r.name] = tl
		if !strings.Contains(r.name, "yue") {
			total.n++
			if ok {
				total.ok++
			}
			if r.want == SimplifiedChinese || !hans[r.text] {
				distinct.n++
				if ok {
					distinct.ok++
				}
			}
		}
	}
	slices.SortFunc(names, cmp.Compare)
	var b strings.Builder
	fmt.Fprintf(&b, "\nSimplified vs Traditional, measured on ../shared/data (UDHR)\n| set | correct | n | %% |\n|---|---|---|---|\n")
	for _, n := range names {
		fmt.Fprintf(&b, "| %s | %d | %d | %.1f |\n", n, res[n].ok, res[n].n, res[n].pct())
	}
	fmt.Fprintf(&b, "| **zh-Hans and zh-Hant sets** | %d | %d | %.1f |\n", total.ok, total.n, total.pct())
	fmt.Fprintf(&b, "| **same, without Traditional texts identical to their Simplified twin** | %d | %d | %.1f |\n", distinct.ok, distinct.n, distinct.pct())
	t.Log(b.String())
	assert.GreaterOrEqual(t, distinct.pct(), 99.0)
}

// TestLowAccuracyModeReport compares lingua's high- and low-accuracy modes
// on the Latin-script sentences, by length in letters, to see where the
// cheaper trigram-only mode loses nothing.
func TestLowAccuracyModeReport(t *testing.T) {
	requireData(t, langidDir)
	if os.Getenv("FEEDGUARD_LOWACC_REPORT") == "" {
		t.Skip("set FEEDGUARD_LOWACC_REPORT=1 to compare lingua's accuracy modes")
	}
	var langs []lingua.Language
	for _, tag := range defaultLanguages {
		if !nonLatin(tag) {
			langs = append(langs, supported[tag].lingua)
		}
	}
	high := lingua.NewLanguageDetectorBuilder().FromLanguages(langs...).WithPreloadedLanguageModels().Build()
	low := lingua.NewLanguageDetectorBuilder().FromLanguages(langs...).WithPreloadedLanguageModels().WithLowAccuracyMode().Build()
	buckets := []int{0, 20, 40, 60, 80, 120, 1 << 30}
	type key struct {
		mode   string
		bucket int
	}
	res := map[key]tally{}
	for _, s := range loadSamples(t) {
		if nonLatin(s.lang) || s.kind != "sentences" && s.kind != "word pairs" {
			continue
		}
		n := 0
		for _, r := range s.text {
			if unicode.IsLetter(r) {
				n++
			}
		}
		bi := 0
		for bi+1 < len(buckets) && n >= buckets[bi+1] {
			bi++
		}
		for mode, det := range map[string]lingua.LanguageDetector{"high": high, "low": low} {
			k := key{mode, bi}
			tl := res[k]
			tl.n++
			if linguaTag(det, s.text) == s.lang {
				tl.ok++
			}
			res[k] = tl
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\nlingua high vs low accuracy mode, 9 Latin-script languages, sentences and word pairs\n| letters | n | high %% | low %% |\n|---|---|---|---|\n")
	for bi := 0; bi+1 < len(buckets); bi++ {
		h, l := res[key{"high", bi}], res[key{"low", bi}]
		fmt.Fprintf(&b, "| %d–%d | %d | %.2f | %.2f |\n", buckets[bi], buckets[bi+1]-1, h.n, h.pct(), l.pct())
	}
	t.Log(b.String())
}

func nonLatin(tag string) bool {
	_, ok := nonLatinScripts[tag]
	return ok
}

// TestNgramMatchesLingua checks that feedguard's own n-gram tables give
// the same results as classifying with lingua's detector: same language,
// same spans, and the same confidence up to the quantization of the
// log-probabilities. It compares every fourth evaluation text, or all of
// them with FEEDGUARD_NGRAM_REPORT=1.
func TestNgramMatchesLingua(t *testing.T) {
	requireData(t, langidDir)
	if testing.Short() {
		t.Skip("skipped in -short mode")
	}
	samples := loadSamples(t)
	if os.Getenv("FEEDGUARD_NGRAM_REPORT") == "" {
		var every4 []sample
		for i := 0; i < len(samples); i += 4 {
			every4 = append(every4, samples[i])
		}
		samples = every4
	}
	d := testDetector(t)
	ld := testLinguaPathDetector(t)
	same, n := 0, 0
	maxDiff := 0.0
	for _, s := range samples {
		got, want := d.Detect(s.text), ld.Detect(s.text)
		n++
		if got.Language == want.Language && slices.Equal(got.Spans, want.Spans) {
			same++
			maxDiff = max(maxDiff, math.Abs(got.Confidence-want.Confidence))
		} else {
			t.Logf("%s %s %q: tables %s, lingua %s", s.lang, s.kind, s.text, got.Language, want.Language)
		}
	}
	t.Logf("identical results for %d of %d texts; largest confidence difference %.2g", same, n, maxDiff)
	assert.GreaterOrEqual(t, float64(same), 0.999*float64(n))
	assert.Less(t, maxDiff, 5e-3)
}
