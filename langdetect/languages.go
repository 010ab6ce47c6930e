package langdetect

import (
	"fmt"
	"strings"

	"github.com/pemistahl/lingua-go"
	"golang.org/x/text/language"

	"github.com/feedguard/feedguard/langdetect/internal/textscan"
)

// defaultLanguages are the languages of the community: Chinese and English
// first, then the languages most often seen next to them.
var defaultLanguages = []string{"zh", "en", "ja", "ko", "es", "fr", "de", "pt", "ru", "ar", "vi", "th", "id", "it", "tr"}

// DefaultLanguages returns the languages a Detector uses unless
// WithLanguages is given: zh en ja ko es fr de pt ru ar vi th id it tr.
func DefaultLanguages() []string {
	return append([]string(nil), defaultLanguages...)
}

// nonLatinScripts gives the script of every supported language not written
// in the Latin alphabet.
var nonLatinScripts = map[string]textscan.Script{
	"zh": textscan.CJK, "ja": textscan.CJK, "ko": textscan.Hangul, "th": textscan.Thai,
	"ru": textscan.Cyrillic, "uk": textscan.Cyrillic, "be": textscan.Cyrillic, "bg": textscan.Cyrillic,
	"kk": textscan.Cyrillic, "mk": textscan.Cyrillic, "mn": textscan.Cyrillic, "sr": textscan.Cyrillic,
	"ar": textscan.Arabic, "fa": textscan.Arabic, "ur": textscan.Arabic,
	"el": textscan.Greek, "he": textscan.Hebrew, "hy": textscan.Armenian, "ka": textscan.Georgian,
	"hi": textscan.Devanagari, "mr": textscan.Devanagari, "bn": textscan.Bengali, "pa": textscan.Gurmukhi,
	"gu": textscan.Gujarati, "ta": textscan.Tamil, "te": textscan.Telugu,
}

// langInfo describes one supported language.
type langInfo struct {
	tag    string // ISO 639-1 code, a BCP 47 base tag
	lingua lingua.Language
	script textscan.Script
}

// supported maps the ISO 639-1 code of every language lingua knows to its
// description.
var supported = func() map[string]langInfo {
	m := make(map[string]langInfo)
	for _, l := range lingua.AllLanguages() {
		tag := strings.ToLower(l.IsoCode639_1().String())
		script, ok := nonLatinScripts[tag]
		if !ok {
			script = textscan.Latin
		}
		m[tag] = langInfo{tag: tag, lingua: l, script: script}
	}
	return m
}()

// resolve maps a BCP 47 tag to a supported language. Region and script
// subtags are ignored: "en-US" is "en" and "zh-Hant" is "zh" (a Detector
// always tells Simplified from Traditional Chinese).
func resolve(tag string) (langInfo, error) {
	t, err := language.Parse(tag)
	if err != nil {
		return langInfo{}, fmt.Errorf("langdetect: unknown language tag %q: %v", tag, err)
	}
	base, conf := t.Base()
	if conf == language.No {
		return langInfo{}, fmt.Errorf("langdetect: unknown language tag %q", tag)
	}
	info, ok := supported[base.String()]
	if !ok {
		return langInfo{}, fmt.Errorf("langdetect: unsupported language %q", tag)
	}
	return info, nil
}
