package ahocorasick

import (
	"bytes"
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// naive returns every occurrence of every pattern in h, overlapping ones
// included, in the documented order: by End, then Start, then Pattern.
func naive(patterns [][]byte, h []byte) []Match {
	var ms []Match
	for i, p := range patterns {
		for off := 0; off+len(p) <= len(h); {
			j := bytes.Index(h[off:], p)
			if j < 0 {
				break
			}
			ms = append(ms, Match{Pattern: i, Start: off + j, End: off + j + len(p)})
			off += j + 1
		}
	}
	slices.SortFunc(ms, func(x, y Match) int {
		return cmp.Or(cmp.Compare(x.End, y.End), cmp.Compare(x.Start, y.Start), cmp.Compare(x.Pattern, y.Pattern))
	})
	return ms
}

// configs are the construction variants every correctness test runs
// against: the default, and ones that force each code path.
var configs = []struct {
	name string
	opt  options
}{
	{"default", options{denseBudget: denseBudget}},
	{"compact", options{denseBudget: compactBudget, prefilter: prefilterOff}},
	{"sparse", options{denseBudget: 0, prefilter: prefilterOff}},
	{"sparse+prefilter", options{denseBudget: 0, prefilter: prefilterOn}},
	{"dense", options{denseBudget: 1 << 30, prefilter: prefilterOff}},
	{"dense+prefilter", options{denseBudget: 1 << 30, prefilter: prefilterOn}},
}

func bs(ss ...string) [][]byte {
	out := make([][]byte, len(ss))
	for i, s := range ss {
		out[i] = []byte(s)
	}
	return out
}

var tableTests = []struct {
	name     string
	patterns [][]byte
	haystack string
}{
	{"English", bs("spam", "viagra", "free money", "click here"), "Click here for free money! Not spam, just viagra. free moneyfree money"},
	{"Chinese", bs("赌博", "色情", "法轮", "代开发票", "发票"), "这里有代开发票服务，还有赌博和色情网站。发票发票"},
	{"mixed", bs("赌博", "casino", "博casino", "no"), "online casino 赌博casino赌博 no"},
	{"overlapping", bs("he", "she", "hers", "his"), "ushers"},
	{"prefixes", bs("a", "ab", "abc", "abcd", "abcde"), "abcdeabcdxabcabab"},
	{"suffixes", bs("abcde", "bcde", "cde", "de", "e"), "abcdeabcdebcde"},
	{"duplicates", bs("dup", "x", "dup", "dup", "y"), "dupdup xdup"},
	{"single-byte", bs("a", "b", "c", "\x00", "\xff"), "abcabc\x00\xffzz"},
	{"binary", bs("\x00\x00", "\xff\xff\xff", "\x00\xff", "\xff\x00\xff"), "\x00\x00\x00\xff\xff\xff\xff\x00\xff\x00"},
	{"invalid-utf8-haystack", bs("中", "文", "\xe4\xb8", "ab"), "\xe4\xb8\xad\xe4\xb8\xe6\x96\x87\xffab\xe6\x96"},
	{"empty-haystack", bs("a", "abc", "中文"), ""},
	{"no-match", bs("needle", "针"), "a haystack with nothing in it, 只有干草"},
	{"long-pattern", bs(strings.Repeat("ab", 40), strings.Repeat("ab", 3)+"c", "b"), strings.Repeat("ab", 50) + "c"},
	{"repeated-byte", bs("aa", "aaa", "aaaa"), "aaaaaaaaaa"},
	{"short-haystack", bs("abcdefghij", "hij"), "hij"},
}

func TestFindAllTable(t *testing.T) {
	for _, tc := range tableTests {
		for _, cfg := range configs {
			t.Run(tc.name+"/"+cfg.name, func(t *testing.T) {
				a, err := build(tc.patterns, cfg.opt)
				require.NoError(t, err)
				h := []byte(tc.haystack)
				want := naive(tc.patterns, h)
				got := a.AppendAll(nil, h)
				assert.Equal(t, want, got)
				for _, m := range got {
					assert.Equal(t, tc.patterns[m.Pattern], h[m.Start:m.End])
				}
			})
		}
	}
}

func TestOverlappingExact(t *testing.T) {
	a, err := Build(bs("he", "she", "hers"))
	require.NoError(t, err)
	got := a.AppendAll(nil, []byte("ushers"))
	assert.Equal(t, []Match{
		{Pattern: 1, Start: 1, End: 4},
		{Pattern: 0, Start: 2, End: 4},
		{Pattern: 2, Start: 2, End: 6},
	}, got)
}

func TestDuplicatesEachReported(t *testing.T) {
	a, err := Build(bs("ab", "ab", "b"))
	require.NoError(t, err)
	got := a.AppendAll(nil, []byte("ab"))
	assert.Equal(t, []Match{{0, 0, 2}, {1, 0, 2}, {2, 1, 2}}, got)
}

func TestBuildErrors(t *testing.T) {
	_, err := Build(bs("ok", "", "fine"))
	require.Error(t, err)
	assert.True(t, strings.HasPrefix(err.Error(), "ahocorasick: "), err.Error())
	assert.Contains(t, err.Error(), "pattern 1")

	_, err = Build([][]byte{nil})
	require.Error(t, err)
}

func TestEmptyAndZeroAutomaton(t *testing.T) {
	a, err := Build(nil)
	require.NoError(t, err)
	assert.Equal(t, 0, a.Len())
	assert.Empty(t, a.AppendAll(nil, []byte("anything")))

	var z Automaton
	assert.Equal(t, 0, z.Len())
	assert.Empty(t, z.AppendAll(nil, []byte("anything")))
	z.FindAll([]byte("anything"), func(Match) bool { t.Fatal("zero automaton matched"); return false })
	assert.Positive(t, z.MemoryBytes())
}

func TestLenAndMemory(t *testing.T) {
	a, err := Build(bs("a", "b", "a"))
	require.NoError(t, err)
	assert.Equal(t, 3, a.Len())
	assert.Greater(t, a.MemoryBytes(), 0)
}

func TestFindAllStops(t *testing.T) {
	pats := bs("a", "aa", "b")
	h := []byte("aaaabbbbaaaa")
	want := naive(pats, h)
	for _, cfg := range configs {
		a, err := build(pats, cfg.opt)
		require.NoError(t, err)
		for stop := 1; stop <= len(want); stop++ {
			var got []Match
			a.FindAll(h, func(m Match) bool {
				got = append(got, m)
				return len(got) < stop
			})
			assert.Equal(t, want[:stop], got, "%s stop=%d", cfg.name, stop)
		}
	}
}

func TestAppendAllKeepsPrefix(t *testing.T) {
	a, err := Build(bs("x"))
	require.NoError(t, err)
	dst := make([]Match, 1, 8)
	dst[0] = Match{Pattern: 7}
	got := a.AppendAll(dst, []byte("xx"))
	assert.Equal(t, []Match{{7, 0, 0}, {0, 0, 1}, {0, 1, 2}}, got)
	assert.Same(t, &dst[0], &got[0])
}

func TestFindAllNoAllocs(t *testing.T) {
	pats := bs("viagra", "casino", "赌博", "代开发票", "a")
	h := []byte(strings.Repeat("nothing to see here, 这里没有违规内容。", 50))
	for _, cfg := range configs {
		a, err := build(pats, cfg.opt)
		require.NoError(t, err)
		allocs := testing.AllocsPerRun(20, func() {
			a.FindAll(h, func(Match) bool { return true })
		})
		assert.Zero(t, allocs, cfg.name)
	}
	a, err := Build(pats)
	require.NoError(t, err)
	dst := make([]Match, 0, 16)
	allocs := testing.AllocsPerRun(20, func() {
		dst = a.AppendAll(dst[:0], []byte("a casino"))
	})
	assert.Zero(t, allocs)
}

// alphabets for random tests: small ones give many overlapping matches.
var alphabets = [][]string{
	{"a", "b"},
	{"a", "b", "c", "d"},
	{"\x00", "\xff", "a"},
	{"中", "文", "字", "a"},
	{"\xe4", "\xb8", "\xad", "x", " "},
}

func randomText(r *rand.Rand, alpha []string, n int) []byte {
	var b []byte
	for len(b) < n {
		b = append(b, alpha[r.IntN(len(alpha))]...)
	}
	return b
}

func TestRandomAgainstNaive(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for iter := range 400 {
		alpha := alphabets[iter%len(alphabets)]
		npat := 1 + r.IntN(30)
		pats := make([][]byte, npat)
		for i := range pats {
			pats[i] = randomText(r, alpha, 1+r.IntN(6))
		}
		if iter%3 == 0 { // mostly longer patterns, so the prefilter is used
			for i := range pats {
				pats[i] = append(pats[i], randomText(r, alpha, 3+r.IntN(6))...)
			}
		}
		h := randomText(r, alpha, r.IntN(300))
		want := naive(pats, h)
		for _, cfg := range configs {
			a, err := build(pats, cfg.opt)
			require.NoError(t, err)
			got := a.AppendAll(nil, h)
			if !assert.Equal(t, want, got, "iter %d %s patterns %q haystack %q", iter, cfg.name, pats, h) {
				return
			}
		}
	}
}

// TestPrefilterKeepsEveryStart checks the prefilter on its own: every
// position where a pattern starts is a candidate, whatever mix of lengths
// the patterns sharing its first two bytes have.
func TestPrefilterKeepsEveryStart(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for iter := range 300 {
		alpha := alphabets[iter%len(alphabets)]
		pats := make([][]byte, 1+r.IntN(40))
		for i := range pats {
			pats[i] = randomText(r, alpha, 1+r.IntN(12))
		}
		f := buildPrefilter(pats, true)
		h := randomText(r, alpha, 200)
		for _, m := range naive(pats, h) {
			if got := f.next(h, m.Start, len(h)); got != m.Start {
				t.Fatalf("iter %d: patterns %q haystack %q: pattern %d starts at %d, prefilter skips to %d",
					iter, pats, h, m.Pattern, m.Start, got)
			}
		}
	}
}

// splitPatterns decodes a fuzz input: the first byte separates patterns in
// the rest; empty pieces are dropped.
func splitPatterns(blob []byte) [][]byte {
	if len(blob) < 2 {
		return nil
	}
	var pats [][]byte
	for _, p := range bytes.Split(blob[1:], blob[:1]) {
		if len(p) > 0 {
			pats = append(pats, p)
		}
	}
	return pats
}

func joinPatterns(pats [][]byte) []byte {
	for sep := range 256 {
		if !slices.ContainsFunc(pats, func(p []byte) bool { return bytes.IndexByte(p, byte(sep)) >= 0 }) {
			return append([]byte{byte(sep)}, bytes.Join(pats, []byte{byte(sep)})...)
		}
	}
	panic("patterns use every byte")
}

func FuzzFindAll(f *testing.F) {
	for _, tc := range tableTests {
		f.Add(joinPatterns(tc.patterns), []byte(tc.haystack))
	}
	f.Fuzz(func(t *testing.T, blob, h []byte) {
		pats := splitPatterns(blob)
		if len(pats) > 200 {
			pats = pats[:200]
		}
		want := naive(pats, h)
		for _, cfg := range configs {
			a, err := build(pats, cfg.opt)
			if err != nil {
				t.Fatal(err)
			}
			got := a.AppendAll(nil, h)
			if !slices.Equal(want, got) {
				t.Fatalf("%s: patterns %q haystack %q:\nwant %v\ngot  %v", cfg.name, pats, h, want, got)
			}
		}
	})
}

func TestFuzzSeedsRoundTrip(t *testing.T) {
	for _, tc := range tableTests {
		assert.Equal(t, tc.patterns, splitPatterns(joinPatterns(tc.patterns)), tc.name)
	}
	assert.Equal(t, "[]", fmt.Sprint(splitPatterns([]byte{0})))
}

func TestPrefilterChoice(t *testing.T) {
	a, err := Build(bs("viagra", "casino", "赌博"))
	require.NoError(t, err)
	assert.NotNil(t, a.pf, "long patterns get a prefilter")

	var tiny [][]byte
	for b := range 256 {
		tiny = append(tiny, []byte{byte(b)})
	}
	a, err = Build(tiny)
	require.NoError(t, err)
	assert.Nil(t, a.pf, "single bytes starting every pair leave nothing to filter")
	got := a.AppendAll(nil, []byte("ab"))
	assert.Equal(t, []Match{{'a', 0, 1}, {'b', 1, 2}}, got)
}
