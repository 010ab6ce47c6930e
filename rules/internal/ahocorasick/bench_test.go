package ahocorasick

import (
	"fmt"
	"runtime"
	"sync"
	"testing"

	"github.com/feedguard/feedguard/rules/internal/ahocorasick/internal/corpus"
)

// Benchmark inputs, generated once per process.
var (
	benchMu       sync.Mutex
	benchPatterns = map[int][][]byte{}
)

const (
	haystackSize = 128 << 10
	matchEvery   = 512 // bytes between inserted occurrences in "matches" haystacks
)

func patternsFor(n int) [][]byte {
	benchMu.Lock()
	defer benchMu.Unlock()
	if p, ok := benchPatterns[n]; ok {
		return p
	}
	p := corpus.Patterns(corpus.Mixed, n)
	benchPatterns[n] = p
	return p
}

func BenchmarkFindAll(b *testing.B) {
	for _, n := range []int{20_000, 100_000} {
		b.Run(fmt.Sprintf("patterns=%dk", n/1000), func(b *testing.B) {
			pats := patternsFor(n)
			a, err := Build(pats)
			if err != nil {
				b.Fatal(err)
			}
			for _, lang := range []corpus.Lang{corpus.English, corpus.Chinese, corpus.Mixed} {
				for _, kind := range []string{"clean", "matches"} {
					var h []byte
					if kind == "clean" {
						h = corpus.Haystack(lang, haystackSize, nil, 0)
					} else {
						h = corpus.Haystack(lang, haystackSize, pats, matchEvery)
					}
					b.Run(fmt.Sprintf("text=%s/%s", lang, kind), func(b *testing.B) {
						b.SetBytes(int64(len(h)))
						b.ReportAllocs()
						matches := 0
						for b.Loop() {
							a.FindAll(h, func(Match) bool {
								matches++
								return true
							})
						}
						b.ReportMetric(float64(matches)/float64(b.N), "matches/op")
					})
				}
			}
		})
	}
}

func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{20_000, 100_000} {
		b.Run(fmt.Sprintf("patterns=%dk", n/1000), func(b *testing.B) {
			pats := patternsFor(n)
			var before, after runtime.MemStats
			var a *Automaton
			var live uint64
			for b.Loop() {
				b.StopTimer()
				a = nil
				runtime.GC()
				runtime.ReadMemStats(&before)
				b.StartTimer()
				var err error
				a, err = Build(pats)
				if err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				runtime.GC()
				runtime.ReadMemStats(&after)
				live = after.HeapAlloc - before.HeapAlloc
				b.StartTimer()
			}
			b.ReportMetric(float64(a.MemoryBytes()), "heap-bytes")
			b.ReportMetric(float64(live), "live-heap-bytes")
			b.ReportMetric(float64(len(a.fail)), "states")
		})
	}
}
