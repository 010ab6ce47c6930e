// Package benchcmp compares the throughput and peak memory of the
// feedguard scan pipeline with the pipeline a user would assemble from the
// same parts (lingua-go plus github.com/cloudflare/ahocorasick, see
// ./naive). It is a separate module so that feedguard's go.mod does not
// depend on the comparison target.
package benchcmp

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"unicode"
)

// Share of each kind of post in the benchmark input, in percent.
const (
	sharePercentChinese = 60
	sharePercentEnglish = 30
	sharePercentOther   = 10
)

// Kind is the bucket a sample post is drawn from.
type Kind int

const (
	Chinese Kind = iota
	English
	Other
)

func (k Kind) String() string { return [...]string{"chinese", "english", "other"}[k] }

// englishWords are common English words; a Latin-script post with one of
// them is English. The buckets are decided by script and this list, not
// by either pipeline's language detector, so that neither is favoured.
var englishWords = map[string]bool{
	"the": true, "and": true, "is": true, "you": true, "to": true, "i": true, "my": true, "a": true,
	"of": true, "this": true, "it": true, "in": true, "for": true, "so": true, "what": true, "with": true,
	"are": true, "me": true, "we": true, "here": true, "your": true, "on": true, "just": true, "not": true,
}

// Classify puts a post in a bucket: Chinese when Han characters (without
// kana) carry at least as much as the Latin letters, English when its
// Latin words include common English ones, Other otherwise.
func Classify(text string) Kind {
	han, kana, latin, otherScript := 0, 0, 0, 0
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Han, r):
			han++
		case unicode.In(r, unicode.Hiragana, unicode.Katakana):
			kana++
		case unicode.Is(unicode.Latin, r):
			latin++
		case unicode.In(r, unicode.Hangul, unicode.Thai, unicode.Cyrillic, unicode.Arabic):
			otherScript++
		}
	}
	switch {
	case kana > 0 || otherScript > latin+han:
		return Other
	case han > 0 && 3*han >= latin:
		return Chinese
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if englishWords[w] {
			return English
		}
	}
	return Other
}

// Posts draws n posts from the sample export at path, deterministically:
// 60% Chinese, 30% English and 10% other languages, each record with a
// fresh id. It returns the JSON Lines and the count per bucket.
func Posts(path string, n int) ([]byte, map[Kind]int, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	buckets := map[Kind][]map[string]any{}
	for _, line := range bytes.Split(bytes.TrimSpace(data), []byte("\n")) {
		var rec map[string]any
		if err := json.Unmarshal(line, &rec); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", path, err)
		}
		text, _ := rec["text"].(string)
		k := Classify(text)
		buckets[k] = append(buckets[k], rec)
	}
	for k := Chinese; k <= Other; k++ {
		if len(buckets[k]) == 0 {
			return nil, nil, fmt.Errorf("%s: no %s posts", path, k)
		}
	}
	rng := rand.New(rand.NewPCG(2025, 1))
	counts := map[Kind]int{}
	var out bytes.Buffer
	for i := range n {
		k := Other
		switch p := rng.IntN(100); {
		case p < sharePercentChinese:
			k = Chinese
		case p < sharePercentChinese+sharePercentEnglish:
			k = English
		}
		counts[k]++
		b := buckets[k]
		rec := b[rng.IntN(len(b))]
		line, err := json.Marshal(map[string]any{"id": fmt.Sprintf("b%06d", i), "text": rec["text"]})
		if err != nil {
			return nil, nil, err
		}
		out.Write(line)
		out.WriteByte('\n')
	}
	return out.Bytes(), counts, nil
}
