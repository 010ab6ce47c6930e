// Package benchcmp compares the feedguard Aho–Corasick automaton with
// github.com/cloudflare/ahocorasick on the same patterns and haystacks. It
// is a separate module so that the library's go.mod does not depend on the
// comparison target.
package benchcmp

import (
	"fmt"
	"sync"

	"github.com/feedguard/feedguard/rules/internal/ahocorasick/internal/corpus"
)

// PatternCounts are the pattern-set sizes compared.
var PatternCounts = []int{20_000, 100_000}

// Case is one haystack to scan.
type Case struct {
	Name     string // "text=en/kind=clean" and so on
	Haystack []byte
}

const (
	haystackSize = 128 << 10
	matchEvery   = 512 // bytes between inserted occurrences
)

var (
	mu       sync.Mutex
	patterns = map[int][][]byte{}
)

// Patterns returns the mixed Chinese and English pattern set of size n,
// generated once per process.
func Patterns(n int) [][]byte {
	mu.Lock()
	defer mu.Unlock()
	if p, ok := patterns[n]; ok {
		return p
	}
	p := corpus.Patterns(corpus.Mixed, n)
	patterns[n] = p
	return p
}

// Cases returns the haystacks scanned with the pattern set pats: English,
// Chinese and mixed prose, each clean and with occurrences of pats inserted.
func Cases(pats [][]byte) []Case {
	var cs []Case
	for _, lang := range []corpus.Lang{corpus.English, corpus.Chinese, corpus.Mixed} {
		cs = append(cs,
			Case{fmt.Sprintf("text=%s/kind=clean", lang), corpus.Haystack(lang, haystackSize, nil, 0)},
			Case{fmt.Sprintf("text=%s/kind=matches", lang), corpus.Haystack(lang, haystackSize, pats, matchEvery)},
		)
	}
	return cs
}
