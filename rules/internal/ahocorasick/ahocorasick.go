// Package ahocorasick finds every occurrence of a fixed set of byte-string
// patterns in a haystack in a single pass, using an Aho–Corasick automaton.
//
// # Match semantics
//
// Matching is exact and byte-wise: there is no case folding and no Unicode
// normalisation, and the haystack need not be valid UTF-8. Every occurrence of
// every pattern is reported, overlapping occurrences included: each distinct
// (pattern index, end offset) pair is one [Match]. Matches are reported in
// order of End; matches sharing an End are ordered by Start (longest first),
// then by Pattern. Duplicate patterns are allowed and each index is reported.
//
// With the patterns "he", "she" and "hers" (indices 0, 1, 2), the haystack
// "ushers" yields
//
//	{Pattern: 1, Start: 1, End: 4} // "she"
//	{Pattern: 0, Start: 2, End: 4} // "he"
//	{Pattern: 2, Start: 2, End: 6} // "hers"
//
// # Representation
//
// Bytes are first mapped to equivalence classes: every byte that occurs in
// some pattern gets its own class and all other bytes share class 0, so a
// transition row has one entry per distinct pattern byte rather than 256.
//
// The trie is numbered in breadth-first order with the children of each
// state sorted by class, so the children of every state occupy a contiguous
// range of state numbers and the shallowest states have the smallest
// numbers. The automaton is a hybrid of two representations:
//
//   - The first states in breadth-first order (the root and the shallow states
//     that scanning visits most) own a dense row of complete DFA transitions,
//     failure transitions already resolved, indexed by byte class. A row
//     costs 4 bytes per class; rows are given out until the dense table
//     would exceed 256 KiB (668 rows for a set of Chinese and English terms,
//     which uses 98 classes).
//   - Every deeper state is stored sparsely: the range of its children, the
//     class of its incoming edge, its failure link, its depth and its output
//     link. A transition from a sparse state searches its children (usually
//     one or two) and otherwise follows failure links until it finds a child
//     or reaches a dense state, whose row then answers.
//
// What a step reads about a state, dense or sparse (its first child, its
// number of children and the class of its first child, its depth and its
// output link), is packed into one 16-byte record, so that a step that moves
// to a state's first child, the common case on a partial match, touches one
// cache line. The failure links and edge classes, needed only off that path,
// are separate tables; in all, 21 bytes per state.
//
// Patterns ending at a state are found through an output link: the nearest
// state on the failure chain (the state itself included) at which some
// pattern ends, and from there a chain of such states. Output sets are never
// copied, so memory stays linear in the total pattern length.
//
// # Prefilter
//
// Text where no occurrence can start is skipped without running the
// automaton. The prefilter looks at the 8 bytes at each position. Patterns
// of at least 8 bytes are keyed by their first 8 bytes. The shorter patterns
// that share their first two bytes are split by length: with k1 the shortest
// of their lengths and k2 the next shortest, those shorter than k2 are keyed
// by their first k1 bytes and the others by their first k2 bytes, so the
// patterns of the two shortest lengths are keyed by the whole of themselves.
// A 128 KiB table indexed by a position's first two bytes says which key
// lengths occur there (one to three of k1, k2 and 8) or that no pattern
// starts with those bytes, and a Bloom filter with one bit per key, about
// 256 bits per pattern rounded up to a power of two and capped at 4 MiB,
// answers whether a key may belong to a pattern. The loop reads the table
// entries of two positions from one 8-byte load and goes on when both are
// empty. The automaton runs from the first position that passes and hands
// control back as soon as the text its state stands for begins after the
// position it started from and none of the positions it gave up passes the
// prefilter. No position goes through the Bloom filter twice and no byte is
// stepped over twice. A set whose patterns of one or two bytes start more
// than a quarter of all byte pairs would pass almost every position, so for
// it the prefilter is left out and the automaton scans every byte.
//
// # Concurrency
//
// A compiled [Automaton] is immutable; its methods may be called from any
// number of goroutines at once. The zero value is an empty automaton that
// matches nothing.
package ahocorasick

import "unsafe"

// Match is one occurrence of a pattern in a haystack:
// haystack[Start:End] equals the pattern with index Pattern.
type Match struct {
	Pattern int // index into the patterns given to Build
	Start   int // byte offset of the first byte of the occurrence
	End     int // byte offset just past the last byte of the occurrence
}

// Automaton is a compiled set of patterns. Build creates one; it is
// immutable and safe for concurrent use. The zero value matches nothing.
type Automaton struct {
	npat   int   // number of patterns
	nclass int32 // number of byte classes
	ndense int32 // states [0, ndense) have dense rows
	class  [256]uint8

	// dense[s*nclass+c] is the DFA transition of dense state s on class c.
	dense []int32

	// Per-state tables, indexed by state number; state 0 is the root.
	states []state // what a step needs, one record per state
	label  []uint8 // class of the edge entering s
	fail   []int32 // failure link

	// Terminal tables, indexed by terminal number, in state order.
	termPat   []int32 // patterns ending at terminal t: termPat[termOff[t]:termOff[t+1]]
	termOff   []int32
	termDepth []int32 // pattern length at terminal t
	termNext  []int32 // next terminal on the output chain, or -1

	pf *prefilter // nil when disabled
}

// state is the part of a state that scanning reads at every step, packed
// into 16 bytes so that a step touches one cache line.
type state struct {
	child int32  // children are the states child to child+n-1
	out   int32  // output link: terminal index of the nearest state on the failure chain where a pattern ends, or -1
	depth int32  // length of the text the state stands for
	first uint16 // class of the first child, or noChild
	n     uint16 // number of children, at most 256
}

// noChild is state.first for a state without children; it equals no class.
const noChild = 0xffff

// Len returns the number of patterns the automaton was built from.
func (a *Automaton) Len() int { return a.npat }

// MemoryBytes returns the approximate number of heap bytes held by the
// automaton's tables: the capacity of every table times its element size,
// plus the prefilter's tables and the Automaton struct itself. It does not
// count the patterns passed to Build, which the automaton does not retain.
func (a *Automaton) MemoryBytes() int {
	n := int(unsafe.Sizeof(*a))
	n += 4 * (cap(a.dense) + cap(a.fail))
	n += int(unsafe.Sizeof(state{}))*cap(a.states) + cap(a.label)
	n += 4 * (cap(a.termPat) + cap(a.termOff) + cap(a.termDepth) + cap(a.termNext))
	if a.pf != nil {
		n += int(unsafe.Sizeof(*a.pf)) + 2*len(a.pf.probe) + 8*cap(a.pf.bits)
	}
	return n
}

// AppendAll appends every occurrence of every pattern in haystack to dst, in
// the order FindAll reports them, and returns the extended slice. It
// allocates only when dst must grow.
func (a *Automaton) AppendAll(dst []Match, haystack []byte) []Match {
	a.FindAll(haystack, func(m Match) bool {
		dst = append(dst, m)
		return true
	})
	return dst
}

// FindAll calls fn for every occurrence of every pattern in haystack,
// overlapping occurrences included, in order of End (then Start, then
// Pattern), until fn returns false. FindAll itself does not allocate.
func (a *Automaton) FindAll(haystack []byte, fn func(Match) bool) {
	if len(a.states) == 0 {
		return
	}
	if a.pf == nil {
		a.scanFrom(haystack, 0, 0, len(haystack), fn)
		return
	}
	h := haystack
	n := len(h)
	pos := 0
	for pos < n {
		pos = a.pf.next(h, pos, n)
		if pos >= n {
			return
		}
		var ok bool
		pos, ok = a.run(h, pos, fn)
		if !ok {
			return
		}
	}
}

// run steps the automaton from the root at the candidate position start. It
// returns the position from which the prefilter may take over again (every
// occurrence that starts before it has been reported) and false if fn asked
// to stop.
func (a *Automaton) run(h []byte, start int, fn func(Match) bool) (int, bool) {
	pf := a.pf
	n := len(h)
	class := &a.class
	dense, states := a.dense, a.states
	nc, nd := a.nclass, a.ndense

	// Every occurrence still to be reported starts at or after entry.
	// Positions before checked have been tested by the prefilter.
	entry, checked := start, start+1
	s := int32(0)
	for i := start; i < n; {
		c := int32(class[h[i]])
		if s < nd {
			s = dense[s*nc+c]
		} else if st := &states[s]; int32(st.first) == c {
			s = st.child // first child: the common case on a partial match
		} else {
			s = a.sparseNext(s, c)
		}
		i++
		st := &states[s]
		if st.out >= 0 {
			if !a.report(st.out, i, fn) {
				return n, false
			}
		}
		// The state stands for h[i-depth:i]; no occurrence starting
		// before that can still end at or after i.
		from := i - int(st.depth)
		if from <= entry {
			continue
		}
		entry = from
		if checked < from {
			checked = from
		}
		if checked = pf.next(h, checked, i); checked == i {
			// No candidate in [from, i): restart from the prefilter.
			return i, true
		}
		entry = checked
		checked++
	}
	return n, true
}

// scanFrom steps the automaton from state s over h[i:end] without the
// prefilter. It reports false if fn asked to stop.
func (a *Automaton) scanFrom(h []byte, s int32, i, end int, fn func(Match) bool) bool {
	class := &a.class
	dense, states := a.dense, a.states
	nc, nd := a.nclass, a.ndense
	for i < end {
		c := int32(class[h[i]])
		if s < nd {
			s = dense[s*nc+c]
		} else {
			s = a.sparseNext(s, c)
		}
		i++
		if t := states[s].out; t >= 0 {
			if !a.report(t, i, fn) {
				return false
			}
		}
	}
	return true
}

// sparseNext returns the DFA transition of sparse state s on class c.
func (a *Automaton) sparseNext(s, c int32) int32 {
	for s >= a.ndense {
		if t := a.findChild(s, uint8(c)); t > 0 {
			return t
		}
		s = a.fail[s]
	}
	return a.dense[s*a.nclass+c]
}

// findChild returns the child of s along class c, or 0 if there is none.
func (a *Automaton) findChild(s int32, c uint8) int32 {
	st := &a.states[s]
	lo, hi := st.child, st.child+int32(st.n)
	label := a.label
	if hi-lo <= 8 {
		for j := lo; j < hi; j++ {
			if l := label[j]; l >= c {
				if l == c {
					return j
				}
				return 0
			}
		}
		return 0
	}
	end := hi
	for lo < hi {
		m := int32(uint32(lo+hi) >> 1)
		if label[m] < c {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < end && label[lo] == c {
		return lo
	}
	return 0
}

// report calls fn for every pattern on the output chain starting at
// terminal t, all ending at end. It reports false if fn asked to stop.
func (a *Automaton) report(t int32, end int, fn func(Match) bool) bool {
	for ; t >= 0; t = a.termNext[t] {
		start := end - int(a.termDepth[t])
		for _, p := range a.termPat[a.termOff[t]:a.termOff[t+1]] {
			if !fn(Match{Pattern: int(p), Start: start, End: end}) {
				return false
			}
		}
	}
	return true
}
