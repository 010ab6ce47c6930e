// Package ngram classifies text among languages that share a script with
// the character n-gram models of github.com/pemistahl/lingua-go, scored the
// way lingua scores them in high-accuracy mode, from compact tables
// generated from lingua's published models (see gen).
//
// The generated data of a group holds, for every n-gram order from 1 to 5,
// the sorted union of the n-grams of its languages, which languages know
// each n-gram, and the training count behind each language's probability
// for it. Load recomputes every probability exactly as lingua computed it
// (the n-gram's count over its prefix's count, the same float64 division)
// and keeps its negative natural logarithm quantized to 1/1024, in
// open-addressing hash tables keyed by the n-gram's letters (one byte per
// letter, at most five letters: a 40-bit key), restricted to the requested
// languages. The tables hold no pointers, so the garbage collector never
// scans them.
//
// Model.Classify reproduces lingua's ComputeLanguageConfidenceValues:
//
//  1. The text is lowercased and split into words, maximal runs of letters.
//  2. A language is decided outright when more than half of the words carry
//     letters unique to one language (ß for German, ư for Vietnamese) and
//     more of them point to it than to any other; otherwise the candidates
//     narrow to the languages that letters shared by few languages point to
//     in at least half of the words (ñ: Spanish; ã: Portuguese or
//     Vietnamese), if any.
//  3. Otherwise, for every order from 1 to 5 (only 3 from 120 letters on),
//     every distinct n-gram of the text adds, for each candidate language,
//     the log-probability of the longest prefix of the n-gram that the
//     language's model knows. The sum of a language is divided by the number
//     of distinct letters of the text its unigram model knows, and the
//     confidence is the softmax of these scores over the languages with a
//     non-zero sum.
//
// Work per call is linear in the letters of the text: at most five hash
// lookups per letter (the n-grams of one to five letters starting there;
// every model is closed under prefixes, so the first miss ends the walk),
// each reading at most the table's longest probe sequence, which Robin Hood
// insertion keeps short; then at most five distinct n-grams per letter,
// each scored from the lookups already made.
//
//go:generate go run ./gen -langs en,es,fr,de,pt,vi,id,it,tr -name latin -o latin.bin -rules latin_rules.go
package ngram

import (
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"weak"
)

const (
	maxOrder = 5
	// trigramOnlyLetters is the letter count from which lingua scores
	// trigrams only.
	trigramOnlyLetters = 120
	// maxLangs is the number of languages a group can hold: masks are
	// 16 bits.
	maxLangs = 16
	// offsetBits is the width of the offset into a table's values packed
	// below the 40-bit key in a slot.
	offsetBits = 24
)

// charRule is one of lingua's character rules: a lower-case letter and the
// languages of the group it points to.
type charRule struct {
	r    rune
	mask uint16
}

// group is the generated data of languages that share a script.
type group struct {
	data    *string
	rawSize int // length of data decompressed
	langs   []string
	unique  []charRule
	shared  []charRule
}

var groups = []*group{&latinGroup}

func findGroup(langs []string) (*group, uint16, error) {
	if len(langs) < 2 {
		return nil, 0, errors.New("ngram: at least two languages are needed")
	}
	for _, g := range groups {
		var sel uint16
		for _, l := range langs {
			i := slices.Index(g.langs, l)
			if i < 0 {
				sel = 0
				break
			}
			sel |= 1 << i
		}
		if sel != 0 {
			return g, sel, nil
		}
	}
	return nil, 0, fmt.Errorf("ngram: no tables for the languages %s", strings.Join(langs, ", "))
}

// Covers reports whether the generated tables cover all of langs (ISO
// 639-1 codes) in one group.
func Covers(langs []string) bool {
	_, _, err := findGroup(langs)
	return err == nil
}

// Model scores text among a fixed set of languages. It is immutable and
// safe for concurrent use.
type Model struct {
	langs  []string    // languages in the order of their mask bits
	scale  float64     // quantization steps per nat
	low    [0x300]byte // codes of the letters below U+0300
	other  []runeCode  // letters from U+0300 on, sorted
	orders [maxOrder + 1]table
	// special holds lingua's character rules by letter, sorted: the
	// language the letter is unique to and the languages that share it.
	special []special
}

type special struct {
	r              rune
	unique, shared uint16 // masks over langs
}

type runeCode struct {
	r    rune
	code byte
}

// table is an open-addressing hash table with linear probing and Robin
// Hood insertion. A slot holds key<<offsetBits | offset, 0 when empty;
// vals[offset] is the mask of the languages that know the n-gram, followed
// by their values (quantized negative log-probabilities) in mask order.
type table struct {
	slots    []uint64
	vals     []uint16
	maxProbe int // longest distance of a key from its home slot
}

func hash(key uint64) uint64 {
	key *= 0x9E3779B97F4A7C15
	return key ^ key>>29
}

func (t *table) find(key uint64) (uint32, bool) {
	n := uint64(len(t.slots))
	if n == 0 {
		return 0, false
	}
	i, _ := bits.Mul64(hash(key), n)
	for probe := 0; probe <= t.maxProbe; probe++ {
		s := t.slots[i]
		if s == 0 {
			return 0, false
		}
		if s>>offsetBits == key {
			return uint32(s & (1<<offsetBits - 1)), true
		}
		if i++; i == n {
			i = 0
		}
	}
	return 0, false
}

// insert adds a key with Robin Hood hashing: a key that is further from
// its home slot takes the slot of one that is nearer to its own, which
// keeps the longest probe sequence short.
func (t *table) insert(key uint64, off uint32) {
	n := uint64(len(t.slots))
	home := func(key uint64) uint64 {
		h, _ := bits.Mul64(hash(key), n)
		return h
	}
	slot := key<<offsetBits | uint64(off)
	i, dist := home(key), uint64(0)
	for {
		s := t.slots[i]
		if s == 0 {
			t.slots[i] = slot
			t.maxProbe = max(t.maxProbe, int(dist))
			return
		}
		if d := (i + n - home(s>>offsetBits)) % n; d < dist {
			t.slots[i] = slot
			t.maxProbe = max(t.maxProbe, int(dist))
			slot, dist = s, d
		}
		if i++; i == n {
			i = 0
		}
		dist++
	}
}

// Languages returns the languages of m, in the order of the indices
// Classify returns.
func (m *Model) Languages() []string { return slices.Clone(m.langs) }

// Language returns the ISO 639-1 code of language i.
func (m *Model) Language(i int) string { return m.langs[i] }

// Bytes returns the memory held by the tables of m.
func (m *Model) Bytes() int {
	n := 0
	for _, t := range m.orders {
		n += 8*len(t.slots) + 2*len(t.vals)
	}
	return n
}

var (
	cacheMu sync.Mutex
	cache   = map[string]weak.Pointer[Model]{}
)

// Load returns the model of langs (ISO 639-1 codes, at least two, all of
// one generated group). Models are shared while in use: loading the same
// languages again returns the same *Model until it is garbage.
func Load(langs []string) (*Model, error) {
	g, sel, err := findGroup(langs)
	if err != nil {
		return nil, err
	}
	key := fmt.Sprintf("%p/%d", g, sel)
	cacheMu.Lock()
	defer cacheMu.Unlock()
	if m := cache[key].Value(); m != nil {
		return m, nil
	}
	m, err := decode(g, sel)
	if err != nil {
		return nil, err
	}
	cache[key] = weak.Make(m)
	return m, nil
}

type reader struct {
	b   []byte
	err error
}

func (r *reader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = errors.New("ngram: corrupt table data")
		r.b = nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) next(n int) []byte {
	if n > len(r.b) {
		r.err = errors.New("ngram: truncated table data")
		r.b = nil
		return make([]byte, n)
	}
	b := r.b[:n]
	r.b = r.b[n:]
	return b
}

// decode builds the model of the languages sel of g.
func decode(g *group, sel uint16) (*Model, error) {
	raw := make([]byte, g.rawSize)
	if _, err := io.ReadFull(flate.NewReader(strings.NewReader(*g.data)), raw); err != nil {
		return nil, fmt.Errorf("ngram: %v", err)
	}
	r := &reader{b: raw}
	if string(r.next(5)) != "FGNG\x02" {
		return nil, errors.New("ngram: unknown table format")
	}
	m := &Model{scale: scale}
	nl := int(r.uvarint())
	if nl != len(g.langs) {
		return nil, errors.New("ngram: table data does not match its group")
	}
	// remap[i] is the bit of group language i in m's masks.
	var remap [maxLangs]uint16
	var letters [maxLangs]uint64
	for i := 0; i < nl; i++ {
		iso := string(r.next(int(r.uvarint())))
		if iso != g.langs[i] {
			return nil, errors.New("ngram: table data does not match its group")
		}
		letters[i] = r.uvarint()
		if sel&(1<<i) != 0 {
			remap[i] = 1 << len(m.langs)
			m.langs = append(m.langs, iso)
		}
	}
	remapMask := func(mask uint16) uint16 {
		var out uint16
		for mask &= sel; mask != 0; mask &= mask - 1 {
			out |= remap[bits.TrailingZeros16(mask)]
		}
		return out
	}
	k := int(r.uvarint())
	if k > 255 {
		return nil, errors.New("ngram: alphabet too large")
	}
	for c := 1; c <= k; c++ {
		ru := rune(r.uvarint())
		if ru < rune(len(m.low)) {
			m.low[ru] = byte(c)
		} else {
			m.other = append(m.other, runeCode{ru, byte(c)})
		}
	}
	var sizes [maxOrder + 1]int
	for n := 1; n <= maxOrder; n++ {
		sizes[n] = int(r.uvarint())
	}

	// The n-grams of one order, sorted, with their languages and counts;
	// kept for the next order, whose probabilities divide by them.
	type level struct {
		keys   []uint64
		masks  []uint16
		offs   []uint32 // index of the first count of each n-gram
		counts []uint32
	}
	var prev level
	for n := 1; n <= maxOrder; n++ {
		cnt := sizes[n]
		var cur level
		cur.keys = make([]uint64, cnt)
		var last [maxOrder]byte
		for i := range cur.keys {
			shared := int(r.next(1)[0])
			if shared >= n {
				return nil, errors.New("ngram: corrupt table data")
			}
			copy(last[shared:n], r.next(n-shared))
			var key uint64
			for _, c := range last[:n] {
				key = key<<8 | uint64(c)
			}
			cur.keys[i] = key
		}
		mb := r.next(2 * cnt)
		cur.masks = make([]uint16, cnt)
		cur.offs = make([]uint32, cnt)
		entries := 0
		for i := range cur.masks {
			cur.masks[i] = binary.LittleEndian.Uint16(mb[2*i:])
			entries += bits.OnesCount16(cur.masks[i])
		}
		cur.counts = make([]uint32, 0, entries)
		for i, mask := range cur.masks {
			cur.offs[i] = uint32(len(cur.counts))
			for range bits.OnesCount16(mask) {
				c := r.uvarint()
				if c == 0 || c > math.MaxUint32 {
					return nil, errors.New("ngram: corrupt table data: count out of range")
				}
				cur.counts = append(cur.counts, uint32(c))
			}
		}
		if r.err != nil {
			return nil, r.err
		}

		t := &m.orders[n]
		// Load factor about 0.6 keeps misses, the common case when backing
		// off to shorter n-grams, to a few adjacent slots.
		t.slots = make([]uint64, cnt*5/3+1)
		t.vals = make([]uint16, 0, cnt+len(cur.counts)*bits.OnesCount16(sel)/nl+16)
		j := 0 // index of the prefix in prev
		for i, key := range cur.keys {
			mask := cur.masks[i]
			out := remapMask(mask)
			if out == 0 {
				continue
			}
			if n > 1 {
				for j < len(prev.keys) && prev.keys[j] < key>>8 {
					j++
				}
				if j == len(prev.keys) || prev.keys[j] != key>>8 || prev.masks[j]&mask != mask {
					return nil, errors.New("ngram: corrupt table data: missing prefix")
				}
			}
			off := len(t.vals)
			if off >= 1<<offsetBits {
				return nil, errors.New("ngram: table too large")
			}
			t.vals = append(t.vals, out)
			ci := cur.offs[i]
			for mm := mask; mm != 0; mm &= mm - 1 {
				li := bits.TrailingZeros16(mm)
				c := cur.counts[ci]
				ci++
				if sel&(1<<li) == 0 {
					continue
				}
				den := letters[li]
				if n > 1 {
					pm := prev.masks[j]
					den = uint64(prev.counts[prev.offs[j]+uint32(bits.OnesCount16(pm&(1<<li-1)))])
				}
				// The same float64 division as lingua's training.
				t.vals = append(t.vals, quantize(float64(c)/float64(den)))
			}
			t.insert(key, uint32(off))
		}
		t.vals = slices.Clip(t.vals)
		prev = cur
	}
	for kind, rs := range [2][]charRule{g.unique, g.shared} {
		for _, rule := range rs {
			mk := remapMask(rule.mask)
			if mk == 0 {
				continue
			}
			i, ok := slices.BinarySearchFunc(m.special, rule.r, cmpSpecial)
			if !ok {
				m.special = slices.Insert(m.special, i, special{r: rule.r})
			}
			if kind == 0 {
				m.special[i].unique |= mk
			} else {
				m.special[i].shared |= mk
			}
		}
	}
	if len(m.special) > maxSpecial {
		return nil, errors.New("ngram: too many character rules")
	}
	return m, nil
}

func cmpSpecial(s special, r rune) int { return int(s.r - r) }

// maxSpecial bounds the letters with character rules (a bit set of them
// is kept per word).
const maxSpecial = 256

// scale is the number of quantization steps per nat of log-probability.
const scale = 1024

// quantize returns round(-ln(p) * scale), at least 1 when p < 1: lingua
// treats a sum of exactly 0 as no evidence.
func quantize(p float64) uint16 {
	q := math.Round(-math.Log(p) * scale)
	switch {
	case q < 1 && p < 1:
		return 1
	case q < 0:
		return 0
	case q > math.MaxUint16:
		return math.MaxUint16
	}
	return uint16(q)
}

// code returns the code of a lower-case letter, 0 when no model of the
// group knows it.
func (m *Model) code(r rune) byte {
	if r < rune(len(m.low)) {
		return m.low[r]
	}
	i, ok := slices.BinarySearchFunc(m.other, r, func(rc runeCode, r rune) int { return int(rc.r - r) })
	if !ok {
		return 0
	}
	return m.other[i].code
}

// scratch holds the per-call buffers of Classify.
type scratch struct {
	runes []rune
	codes []byte   // per letter: its code, 0 when no model knows it
	words []int32  // start and end index into runes, per word
	seen  []uint64 // open-addressing set of n-gram keys
	found []uint32 // per letter and length: offset of the n-gram's values
	masks []uint16 // per letter and length: the languages that know it
	depth []uint8  // per letter: longest n-gram starting there in the tables
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// Classify returns the index (into Languages) of the most likely language
// of text and lingua's confidence value for it, or -1 and 0 when the
// models cannot decide: no letters, no known n-grams, or a tie.
//
// Its cost is linear in the length of text: callers bound the text.
func (m *Model) Classify(text []byte) (int, float64) {
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	all := uint16(1)<<len(m.langs) - 1

	// 1. Lowercase and split into words of letters.
	sc.runes, sc.codes, sc.words = sc.runes[:0], sc.codes[:0], sc.words[:0]
	inWord := false
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(text[i:])
		}
		i += size
		lr := unicode.ToLower(r)
		if lr < utf8.RuneSelf && 'a' <= lr && lr <= 'z' || lr >= utf8.RuneSelf && unicode.IsLetter(lr) {
			if !inWord {
				sc.words = append(sc.words, int32(len(sc.runes)))
				inWord = true
			}
			sc.runes = append(sc.runes, lr)
			sc.codes = append(sc.codes, m.code(lr))
		} else if inWord {
			sc.words = append(sc.words, int32(len(sc.runes)))
			inWord = false
		}
	}
	if inWord {
		sc.words = append(sc.words, int32(len(sc.runes)))
	}
	if len(sc.words) == 0 {
		return -1, 0
	}

	// 2. lingua's character rules.
	l, cands := m.rules(sc, all)
	if l >= 0 {
		return l, 1
	}
	if bits.OnesCount16(cands) == 1 {
		return bits.TrailingZeros16(cands), 1
	}

	// 3. n-gram scores.
	letters := len(sc.runes)
	lo, hi := 1, maxOrder
	if letters >= trigramOnlyLetters {
		lo, hi = 3, 3
	}
	size := 16
	for size < 2*(hi-lo+1)*letters {
		size <<= 1
	}
	if cap(sc.seen) < size {
		sc.seen = make([]uint64, size)
	}
	seen := sc.seen[:size]
	clear(seen)

	// Look up, once per position, the prefixes of the n-grams starting
	// there, longest last. The models are closed under prefixes (every
	// language that knows an n-gram knows its prefix), so the first miss
	// ends the walk.
	if cap(sc.found) < letters*maxOrder {
		sc.found = make([]uint32, letters*maxOrder)
		sc.masks = make([]uint16, letters*maxOrder)
		sc.depth = make([]uint8, letters)
	}
	found, masks, depth := sc.found[:letters*maxOrder], sc.masks[:letters*maxOrder], sc.depth[:letters]
	for w := 0; w < len(sc.words); w += 2 {
		start, end := int(sc.words[w]), int(sc.words[w+1])
		for i := start; i < end; i++ {
			var key uint64
			d := 0
			for j := 1; j <= hi && i+j <= end; j++ {
				c := sc.codes[i+j-1]
				if c == 0 {
					break
				}
				key = key<<8 | uint64(c)
				off, ok := m.orders[j].find(key)
				if !ok {
					break
				}
				found[i*maxOrder+j-1] = off
				// Reading the mask now brings the n-gram's values into
				// the cache while the other lookups proceed.
				masks[i*maxOrder+j-1] = m.orders[j].vals[off]
				d = j
			}
			depth[i] = uint8(d)
		}
	}

	var sums [maxLangs]uint64 // quantized negative log-probabilities
	var uni [maxLangs]uint32  // distinct unigrams each language knows
	for n := lo; n <= hi; n++ {
		for w := 0; w < len(sc.words); w += 2 {
			start, end := int(sc.words[w]), int(sc.words[w+1])
			for i := start; i+n <= end; i++ {
				// A key that tells the n-gram from any other, to count
				// each distinct n-gram once.
				var dk uint64
				for j := 0; j < n; j++ {
					c := sc.codes[i+j]
					if c == 0 {
						dk = hashRunes(sc.runes[i:i+n]) | 1<<63
						break
					}
					dk = dk<<8 | uint64(c)
				}
				if dk>>63 == 0 {
					dk |= uint64(n) << 56
				}
				if !insertSeen(seen, dk) {
					continue
				}
				// Each candidate language scores the longest prefix of
				// the n-gram that it knows.
				pending := cands
				for j := min(n, int(depth[i])); j >= 1 && pending != 0; j-- {
					mask := masks[i*maxOrder+j-1]
					hit := mask & pending
					if hit == 0 {
						continue
					}
					vals := m.orders[j].vals[found[i*maxOrder+j-1]:]
					if n == 1 {
						for h := hit; h != 0; h &= h - 1 {
							uni[bits.TrailingZeros16(h)]++
						}
					}
					for h := hit; h != 0; h &= h - 1 {
						l := bits.TrailingZeros16(h)
						sums[l] += uint64(vals[1+bits.OnesCount16(mask&(1<<l-1))])
					}
					pending &^= mask
				}
			}
		}
	}

	// Scores and softmax over the languages with evidence.
	best, second := -1, -1
	var scores [maxLangs]float64
	for l := 0; l < len(m.langs); l++ {
		if cands&(1<<l) == 0 || sums[l] == 0 {
			continue
		}
		s := -float64(sums[l]) / m.scale
		if uni[l] > 0 {
			s /= float64(uni[l])
		}
		scores[l] = s
		switch {
		case best < 0 || s > scores[best]:
			best, second = l, best
		case second < 0 || s > scores[second]:
			second = l
		}
	}
	if best < 0 || second >= 0 && scores[second] == scores[best] {
		return -1, 0
	}
	den := 0.0
	for l := 0; l < len(m.langs); l++ {
		if cands&(1<<l) != 0 && sums[l] != 0 {
			den += math.Exp(scores[l] - scores[best])
		}
	}
	return best, 1 / den
}

// insertSeen adds key to the set and reports whether it was new.
func insertSeen(seen []uint64, key uint64) bool {
	mask := uint64(len(seen) - 1)
	for i := hash(key) & mask; ; i = (i + 1) & mask {
		switch seen[i] {
		case key:
			return false
		case 0:
			seen[i] = key
			return true
		}
	}
}

// hashRunes returns a 63-bit hash of runes (FNV-1a over 32-bit units).
func hashRunes(runes []rune) uint64 {
	h := uint64(14695981039346656037)
	for _, r := range runes {
		h = (h ^ uint64(r)) * 1099511628211
	}
	return h &^ (1 << 63)
}

// rules applies lingua's character rules (detectLanguageWithRules and
// filterLanguagesByRules, for text of one script). It returns the language
// decided by letters unique to one language, or -1 and the candidates:
//
//   - a word belongs to a language when its letters unique to a language
//     point to that language more often than to any other; the text
//     belongs to the language of most words when the words without such
//     letters are fewer than half;
//   - otherwise the candidates are the languages that the word's letters
//     shared by few languages point to in at least half of the words
//     (each distinct letter of a word counts once), or all languages.
func (m *Model) rules(sc *scratch, all uint16) (int, uint16) {
	if len(m.special) == 0 {
		return -1, all
	}
	nWords := len(sc.words) / 2
	var total [maxLangs + 1]int // words per language; index maxLangs: no language
	var shared [maxLangs]int
	for w := 0; w < len(sc.words); w += 2 {
		var uniq [maxLangs]int
		found := false
		var present [maxSpecial / 64]uint64 // specials seen in the word
		for _, r := range sc.runes[sc.words[w]:sc.words[w+1]] {
			if r < utf8.RuneSelf {
				continue
			}
			k, ok := slices.BinarySearchFunc(m.special, r, cmpSpecial)
			if !ok {
				continue
			}
			if u := m.special[k].unique; u != 0 {
				uniq[bits.TrailingZeros16(u)]++
				found = true
			}
			if m.special[k].shared != 0 && present[k/64]&(1<<(k%64)) == 0 {
				present[k/64] |= 1 << (k % 64)
				for mk := m.special[k].shared; mk != 0; mk &= mk - 1 {
					shared[bits.TrailingZeros16(mk)]++
				}
			}
		}
		if !found {
			total[maxLangs]++
			continue
		}
		if l, ok := strictMax(uniq[:]); ok {
			total[l]++
		} else {
			total[maxLangs]++
		}
	}
	half := float64(nWords) * 0.5
	if float64(total[maxLangs]) < half {
		total[maxLangs] = 0
	}
	if l, ok := strictMax(total[:]); ok && l != maxLangs {
		return l, all
	}
	var subset uint16
	for l := range m.langs {
		if shared[l] > 0 && float64(shared[l]) >= half {
			subset |= 1 << l
		}
	}
	if subset != 0 {
		return -1, subset
	}
	return -1, all
}

// strictMax returns the index of the largest count when it is larger than
// every other count.
func strictMax(counts []int) (int, bool) {
	top, topN, secondN := -1, 0, 0
	for i, c := range counts {
		if c > topN {
			top, topN, secondN = i, c, topN
		} else if c > secondN || c == topN {
			secondN = max(secondN, c)
		}
	}
	return top, top >= 0 && topN > secondN
}
