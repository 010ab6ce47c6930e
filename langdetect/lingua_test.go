package langdetect

import (
	"strings"
	"sync"
	"testing"

	"github.com/pemistahl/lingua-go"
	"github.com/stretchr/testify/require"
)

// Baselines for the accuracy report and the benchmarks: lingua on its own,
// restricted to the default languages or with all its languages, built
// once per test binary.
var (
	lingua15Once sync.Once
	lingua15     lingua.LanguageDetector
	linguaAllOne sync.Once
	linguaAll    lingua.LanguageDetector
)

func defaultLinguaLanguages(tb testing.TB) []lingua.Language {
	var langs []lingua.Language
	for _, tag := range defaultLanguages {
		info, err := resolve(tag)
		require.NoError(tb, err)
		langs = append(langs, info.lingua)
	}
	return langs
}

func testLingua15(tb testing.TB) lingua.LanguageDetector {
	langs := defaultLinguaLanguages(tb)
	lingua15Once.Do(func() {
		lingua15 = lingua.NewLanguageDetectorBuilder().FromLanguages(langs...).WithPreloadedLanguageModels().Build()
	})
	return lingua15
}

func testLinguaAll() lingua.LanguageDetector {
	linguaAllOne.Do(func() {
		linguaAll = lingua.NewLanguageDetectorBuilder().FromAllLanguages().WithPreloadedLanguageModels().Build()
	})
	return linguaAll
}

// linguaTag returns the ISO 639-1 code of lingua's answer, or "und".
func linguaTag(d lingua.LanguageDetector, text string) string {
	l, ok := d.DetectLanguageOf(text)
	if !ok {
		return Undetermined
	}
	return strings.ToLower(l.IsoCode639_1().String())
}
