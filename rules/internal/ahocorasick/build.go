package ahocorasick

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"slices"
)

// denseBudget bounds the size in bytes of the dense transition table. The
// shallowest states, in breadth-first order, get dense rows until the next
// row would exceed it (the root always gets one). Each extra row costs 4
// bytes per class; on the benchmark set a 16 times larger budget made no
// measurable difference to scanning.
const denseBudget = 256 << 10

// Build compiles patterns into an automaton. Patterns are arbitrary byte
// strings; duplicates are allowed and each index is reported separately. An
// empty pattern is an error. Build does not retain patterns.
func Build(patterns [][]byte) (*Automaton, error) {
	return build(patterns, options{denseBudget: denseBudget})
}

// BuildCompact compiles patterns like Build into an automaton sized for a
// small set searched in short texts: dense rows for at most 16 KiB and no
// prefilter, so it costs a few kilobytes instead of the prefilter's fixed
// tables. Matches are the same as Build's.
func BuildCompact(patterns [][]byte) (*Automaton, error) {
	return build(patterns, options{denseBudget: compactBudget, prefilter: prefilterOff})
}

// compactBudget is BuildCompact's dense-table budget.
const compactBudget = 16 << 10

// options are the construction knobs; Build uses the defaults. Tests vary
// them to exercise every code path.
type options struct {
	denseBudget int // see denseBudget
	prefilter   prefilterMode
}

type prefilterMode int

const (
	prefilterAuto prefilterMode = iota // use it where it helps
	prefilterOff
	prefilterOn // use it even where it does not help
)

func build(patterns [][]byte, opt options) (*Automaton, error) {
	total := 0
	for i, p := range patterns {
		if len(p) == 0 {
			return nil, fmt.Errorf("ahocorasick: pattern %d is empty", i)
		}
		total += len(p)
	}
	if total >= math.MaxInt32 || len(patterns) >= math.MaxInt32 {
		return nil, errors.New("ahocorasick: patterns too large")
	}
	a := &Automaton{npat: len(patterns)}
	if len(patterns) == 0 {
		return a, nil
	}
	a.buildClasses(patterns)
	parent := a.buildTrie(patterns)
	a.buildLinks(parent, opt.denseBudget)
	if opt.prefilter != prefilterOff {
		a.pf = buildPrefilter(patterns, opt.prefilter == prefilterOn)
	}
	return a, nil
}

// buildClasses gives every byte used in some pattern its own class, in byte
// order, and maps all other bytes to class 0.
func (a *Automaton) buildClasses(patterns [][]byte) {
	var used [256]bool
	for _, p := range patterns {
		for _, b := range p {
			used[b] = true
		}
	}
	next := 0
	for _, u := range used {
		if !u {
			next = 1 // class 0 is reserved for unused bytes
			break
		}
	}
	for b, u := range used {
		if u {
			a.class[b] = uint8(next)
			next++
		}
	}
	a.nclass = int32(next)
}

// buildTrie builds the trie level by level, which numbers the states in
// breadth-first order with siblings sorted by class, and fills child, label,
// depth and the terminal tables. It returns the parent of every state.
func (a *Automaton) buildTrie(patterns [][]byte) (parent []int32) {
	// Sort the pattern indices by pattern bytes, ties by index. The nodes of
	// one level are then the distinct prefixes of that length in sorted
	// order, which is breadth-first order.
	order := make([]int32, len(patterns))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(x, y int32) int {
		return bytes.Compare(patterns[x], patterns[y])
	})

	total := 1
	for _, p := range patterns {
		total += len(p)
	}
	parent = make([]int32, 1, total)
	label := make([]uint8, 1, total)
	depth := make([]int32, 1, total)
	terminal := make([]int32, 0, len(patterns)) // pattern indices, grouped by state
	termState := make([]int32, 0, len(patterns))

	// active holds the patterns longer than the current level, in sorted
	// order; node[k] is the state of active[k]'s prefix at that level.
	active := order
	node := make([]int32, len(active))
	for d := 0; len(active) > 0; d++ {
		prevNode, prevParent := int32(-1), int32(-1)
		var prevByte byte
		for k, p := range active {
			b := patterns[p][d]
			if node[k] != prevParent || b != prevByte {
				prevParent, prevByte = node[k], b
				prevNode = int32(len(parent))
				parent = append(parent, node[k])
				label = append(label, a.class[b])
				depth = append(depth, int32(d+1))
			}
			node[k] = prevNode
		}
		// Record patterns ending at this level and drop them. Patterns of
		// one state are adjacent and in index order.
		kept := 0
		for k, p := range active {
			if len(patterns[p]) == d+1 {
				if n := len(termState); n == 0 || termState[n-1] != node[k] {
					termState = append(termState, node[k])
					a.termOff = append(a.termOff, int32(len(terminal)))
				}
				terminal = append(terminal, p)
				continue
			}
			active[kept], node[kept] = p, node[k]
			kept++
		}
		active, node = active[:kept], node[:kept]
	}
	a.termOff = append(a.termOff, int32(len(terminal)))
	a.termPat = slices.Clone(terminal)
	a.termOff = slices.Clone(a.termOff)
	a.termDepth = make([]int32, len(termState))
	for t, s := range termState {
		a.termDepth[t] = depth[s]
	}

	n := len(parent)
	a.label = slices.Clone(label)

	// Children of consecutive states are consecutive, so the first child of
	// each state is a running count of children.
	a.states = make([]state, n)
	for s := 1; s < n; s++ {
		a.states[parent[s]].n++
	}
	next := int32(1)
	for s := range a.states {
		st := &a.states[s]
		st.child = next
		st.depth = depth[s]
		st.out = -1 // buildLinks extends it along failure links
		st.first = noChild
		if st.n > 0 {
			st.first = uint16(label[next])
		}
		next += int32(st.n)
	}
	for t, s := range termState {
		a.states[s].out = int32(t)
	}
	a.termNext = make([]int32, len(termState))
	for t := range a.termNext {
		a.termNext[t] = -1
	}
	return parent
}

// buildLinks computes failure links, output links and the dense rows, in
// breadth-first order so that everything a state depends on is done first.
func (a *Automaton) buildLinks(parent []int32, budget int) {
	n := len(parent)
	nc := int(a.nclass)
	nd := budget / (4 * nc)
	nd = max(1, min(nd, n))
	a.ndense = int32(nd)
	a.dense = make([]int32, nd*nc)
	a.fail = make([]int32, n)

	// Root row: its children, everything else loops back to the root.
	for j := range a.states[0].n {
		a.dense[a.label[1+int32(j)]] = 1 + int32(j)
	}
	for s := 1; s < n; s++ {
		f := int32(0)
		if p := parent[s]; p != 0 {
			f = a.delta(a.fail[p], int32(a.label[s]))
		}
		a.fail[s] = f
		if st := &a.states[s]; st.out < 0 {
			st.out = a.states[f].out
		} else {
			a.termNext[st.out] = a.states[f].out
		}
		if s < nd {
			row := a.dense[s*nc : (s+1)*nc]
			copy(row, a.dense[int(f)*nc:(int(f)+1)*nc])
			st := &a.states[s]
			for j := st.child; j < st.child+int32(st.n); j++ {
				row[a.label[j]] = j
			}
		}
	}
}

// delta returns the DFA transition of state s on class c, for a state whose
// failure link and, if dense, row are already computed.
func (a *Automaton) delta(s, c int32) int32 {
	if s < a.ndense {
		return a.dense[s*a.nclass+c]
	}
	return a.sparseNext(s, c)
}
