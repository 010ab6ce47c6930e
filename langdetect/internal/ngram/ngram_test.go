package ngram

import (
	"bufio"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/pemistahl/lingua-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var latinLangs = []string{"en", "es", "fr", "de", "pt", "vi", "id", "it", "tr"}

var (
	modelOnce sync.Once
	model     *Model
	modelErr  error
)

func testModel(tb testing.TB) *Model {
	tb.Helper()
	modelOnce.Do(func() { model, modelErr = Load(latinLangs) })
	require.NoError(tb, modelErr)
	return model
}

func classifyTag(m *Model, text string) string {
	l, _ := m.Classify([]byte(text))
	if l < 0 {
		return "und"
	}
	return m.langs[l]
}

func TestClassify(t *testing.T) {
	m := testModel(t)
	for text, want := range map[string]string{
		"Just tried the new matcha latte at the corner cafe": "en",
		"Hola a todos, me encanta esta aplicación":           "es",
		"Bonjour tout le monde, je suis très contente":       "fr",
		"Ich habe heute einen Spaziergang im Park gemacht":   "de",
		"Olá pessoal, estou muito feliz de estar aqui":       "pt",
		"Xin chào mọi người, tôi rất vui được ở đây":         "vi",
		"Halo semuanya, saya sangat senang berada di sini":   "id",
		"Ciao a tutti, sono molto felice di essere qui":      "it",
		"Herkese merhaba, burada olmaktan çok mutluyum":      "tr",
		"straße":       "de", // unique letter
		"đường":        "vi",
		"":             "und",
		"123 !!! ...":  "und",
		"qqqqqqqqqqqq": classifyTag(m, "qqqqqqqqqqqq"),
	} {
		assert.Equal(t, want, classifyTag(m, text), "%q", text)
	}
	l, conf := m.Classify([]byte("Just tried the new matcha latte at the corner cafe"))
	assert.Equal(t, "en", m.langs[l])
	assert.Greater(t, conf, 0.5)
	assert.LessOrEqual(t, conf, 1.0)
}

func TestLoadSubsetAndCache(t *testing.T) {
	m, err := Load([]string{"fr", "en"})
	require.NoError(t, err)
	assert.Equal(t, []string{"en", "fr"}, m.Languages(), "group order")
	m2, err := Load([]string{"en", "fr"})
	require.NoError(t, err)
	assert.Same(t, m, m2)
	assert.Equal(t, "fr", classifyTag(m, "Bonjour tout le monde, je suis très contente"))
	assert.Equal(t, "en", classifyTag(m, "Hello everyone, I am very happy to be here"))
	_, err = Load([]string{"en", "nl"})
	assert.Error(t, err)
	assert.False(t, Covers([]string{"en", "ru"}))
	assert.True(t, Covers([]string{"vi", "tr"}))
}

func TestClassifyNoAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector makes sync.Pool drop items")
	}
	m := testModel(t)
	text := []byte("Just tried the new matcha latte at the corner cafe and honestly it was amazing")
	m.Classify(text)
	allocs := testing.AllocsPerRun(100, func() { m.Classify(text) })
	assert.Zero(t, allocs)
}

func TestTablesProbeBound(t *testing.T) {
	m := testModel(t)
	for n := 1; n <= maxOrder; n++ {
		// The package documentation promises at most 14 slots per lookup.
		assert.LessOrEqual(t, m.orders[n].maxProbe, 13, "order %d", n)
		t.Logf("order %d: %d slots, longest probe %d", n, len(m.orders[n].slots), m.orders[n].maxProbe)
	}
	t.Logf("tables: %.1f MiB", float64(m.Bytes())/(1<<20))
}

// TestAgreesWithLingua compares the decisions with lingua's on the
// Latin-script evaluation texts, which live beside the checkout, given to
// both as they are (package langdetect compares whole Detect results).
func TestAgreesWithLingua(t *testing.T) {
	if os.Getenv("FEEDGUARD_NGRAM_REPORT") == "" {
		t.Skip("set FEEDGUARD_NGRAM_REPORT=1 to compare with lingua on the evaluation data")
	}
	const path = "../../../../shared/data/langid/lingua_pairs_sentences.tsv"
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("evaluation data not available: %v", err)
	}
	defer f.Close()
	m := testModel(t)
	var langs []lingua.Language
	for _, l := range lingua.AllLanguages() {
		for _, iso := range latinLangs {
			if strings.ToLower(l.IsoCode639_1().String()) == iso {
				langs = append(langs, l)
			}
		}
	}
	det := lingua.NewLanguageDetectorBuilder().FromLanguages(langs...).WithPreloadedLanguageModels().Build()
	type tally struct{ n, agree, okMine, okLingua int }
	res := map[string]*tally{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		row := strings.Split(sc.Text(), "\t")
		if len(row) != 3 || !contains(latinLangs, row[0]) {
			continue
		}
		texts := map[string]string{row[1]: row[2]}
		if first, _, ok := strings.Cut(row[2], " "); ok && row[1] == "word-pairs" {
			texts["single-word"] = first
		}
		for kind, text := range texts {
			tl := res[kind]
			if tl == nil {
				tl = &tally{}
				res[kind] = tl
			}
			mine := classifyTag(m, text)
			theirs := "und"
			vals := det.ComputeLanguageConfidenceValues(text)
			if vals[0].Value() > 0 && vals[0].Value() != vals[1].Value() {
				theirs = strings.ToLower(vals[0].Language().IsoCode639_1().String())
			}
			tl.n++
			if mine == theirs {
				tl.agree++
			} else if testing.Verbose() && tl.n-tl.agree <= 5 {
				t.Logf("%s %s %q: ngram %s, lingua %s", kind, row[0], text, mine, theirs)
			}
			if mine == row[0] {
				tl.okMine++
			}
			if theirs == row[0] {
				tl.okLingua++
			}
		}
	}
	for kind, tl := range res {
		t.Logf("%-12s n=%5d agree %.2f%%  accuracy ngram %.2f%% lingua %.2f%%", kind, tl.n,
			100*float64(tl.agree)/float64(tl.n), 100*float64(tl.okMine)/float64(tl.n), 100*float64(tl.okLingua)/float64(tl.n))
		assert.GreaterOrEqual(t, tl.okMine, tl.okLingua-tl.n/2000, kind)
	}
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
