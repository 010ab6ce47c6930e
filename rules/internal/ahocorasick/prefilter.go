package ahocorasick

import (
	"encoding/binary"
	"math/bits"
)

// prefilter tells whether an occurrence can start at a position, looking at
// the 8 bytes there. It never rejects a position where an occurrence starts;
// it accepts some where none does.
//
// Patterns shorter than 8 bytes are short, the others long. The key of a
// long pattern is its first 8 bytes. The short patterns that start with the
// same two bytes are split by length: those shorter than k2 are keyed by
// their first k1 bytes and the others by their first k2 bytes, where k1 is
// the shortest length among them and k2 the next shortest. A position is
// tested with one probe per key length that occurs among the patterns
// starting with its first two bytes: at most three, k1, k2 and 8.
type prefilter struct {
	// probe[b0|b1<<8] selects the key lengths for positions starting with
	// the bytes b0 b1: its low 6 bits index keys, and bit 15 is set if the
	// third key is needed. Where no pattern starts with b0 b1, probe is 0.
	probe *[1 << 16]uint16
	// keys[i] holds, for one combination of key lengths, the masks that
	// keep the first k1 bytes, the first 8 bytes (k2 if there are no long
	// patterns) and the first k2 bytes of a little-endian word, then k2.
	keys [64][4]uint64
	// bits is a Bloom filter with one bit per key: bit key*hashMul>>shift.
	// Its length in bits is a power of two, 1<<(64-shift).
	bits  []uint64
	shift uint
}

// hashMul is the multiplier of the key hash (2^64 divided by the golden
// ratio); the top bits of the product are the hash.
const hashMul = 0x9e3779b97f4a7c15

// keyMask[k] keeps the first k bytes of a little-endian word.
var keyMask = [9]uint64{
	0, 0xff, 0xffff, 0xffffff, 0xffffffff, 0xffffffffff, 0xffffffffffff,
	0xffffffffffffff, 0xffffffffffffffff,
}

// Bits per key in the Bloom filter. A position whose first bytes are no key
// passes one probe with probability about keys/bits.
const (
	bitsPerKey = 256
	minBits    = 1 << 12
	maxBits    = 1 << 25
)

// buildPrefilter returns the prefilter for patterns, or nil, unless force is
// set, if it would accept almost every position anyway: when more than a
// quarter of the byte pairs start a pattern of at most two bytes.
func buildPrefilter(patterns [][]byte, force bool) *prefilter {
	// lens[i] has bit k-1 set if a pattern of length k (8 for the long
	// ones) starts with the byte pair i.
	lens := make([]uint8, 1<<16)
	for _, p := range patterns {
		k := min(len(p), 8)
		if len(p) == 1 {
			for b1 := range 256 {
				lens[int(p[0])|b1<<8] |= 1
			}
			continue
		}
		lens[int(p[0])|int(p[1])<<8] |= 1 << (k - 1)
	}
	tiny := 0
	for _, m := range lens {
		if m&3 != 0 {
			tiny++
		}
	}
	if !force && tiny > len(lens)/4 {
		return nil
	}
	f := &prefilter{probe: new([1 << 16]uint16)}
	ids := make(map[[3]int]uint16) // (k1, k2, long) -> index into keys
	for i, m := range lens {
		if m == 0 {
			continue
		}
		long := 0
		if m&0x80 != 0 {
			long = 8
		}
		short := m & 0x7f
		k1, k2 := long, long
		if short != 0 {
			k1 = bits.TrailingZeros8(short) + 1
			k2 = k1
			if rest := short &^ (1 << (k1 - 1)); rest != 0 {
				k2 = bits.TrailingZeros8(rest) + 1
			}
			if long == 0 {
				long = k2
			}
		}
		id, ok := ids[[3]int{k1, k2, long}]
		if !ok {
			// There are at most 57 combinations: 1 <= k1 <= k2 <= 7 with
			// long 8 or k2, and k1 = k2 = long = 8.
			id = uint16(len(ids) + 1)
			ids[[3]int{k1, k2, long}] = id
			f.keys[id] = [4]uint64{keyMask[k1], keyMask[long], keyMask[k2], uint64(k2)}
		}
		if k2 != k1 && k2 != long {
			id |= 1 << 15
		}
		f.probe[i] = id
	}

	nbits := max(minBits, min(maxBits, len(patterns)*bitsPerKey))
	nbits = 1 << bits.Len(uint(nbits-1))
	f.bits = make([]uint64, nbits/64)
	f.shift = uint(64 - bits.Len(uint(nbits-1)))
	for _, p := range patterns {
		f.set(f.patternKey(p))
	}
	return f
}

// patternKey returns the prefilter key of pattern p: its first 8 bytes if
// it is long, otherwise its first k1 or k2 bytes as described at
// [prefilter].
func (f *prefilter) patternKey(p []byte) uint64 {
	var buf [8]byte
	n := copy(buf[:], p)
	w := binary.LittleEndian.Uint64(buf[:])
	if n == 8 {
		return w
	}
	// A one-byte pattern set k1 = 1 for (p[0], 0), among other pairs.
	ks := &f.keys[f.probe[uint16(w)]&63]
	if n >= int(ks[3]) {
		return w & ks[2]
	}
	return w & ks[0]
}

// set adds key to the Bloom filter.
func (f *prefilter) set(key uint64) {
	x := key * hashMul >> f.shift
	f.bits[x>>6] |= 1 << (x & 63)
}

// next returns the first position p in [pos, end) where an occurrence may
// start, or end if there is none. Positions less than 8 bytes from the end
// of h are always candidates.
func (f *prefilter) next(h []byte, pos, end int) int {
	last := min(end, len(h)-7) // positions before last have 8 bytes
	if pos >= last {
		return min(pos, end)
	}
	probe, keys, bits, shift := f.probe, &f.keys, f.bits, f.shift&63
	if len(bits) == 0 { // never true; lets the compiler drop bounds checks in hit
		return pos
	}
	// b is h[p:last+7] for the position p under test.
	b := h[pos : last+7]
	for len(b) >= 9 {
		w := binary.LittleEndian.Uint64(b)
		v0, v1 := probe[uint16(w)], probe[uint16(w>>8)]
		if v0|v1 == 0 {
			b = b[2:]
			continue
		}
		if v0 != 0 {
			ks := &keys[v0&63]
			if hit(bits, shift, w&ks[0]) || hit(bits, shift, w&ks[1]) || v0 >= 1<<15 && hit(bits, shift, w&ks[2]) {
				return last + 7 - len(b)
			}
		}
		if v1 != 0 {
			w := binary.LittleEndian.Uint64(b[1:])
			ks := &keys[v1&63]
			if hit(bits, shift, w&ks[0]) || hit(bits, shift, w&ks[1]) || v1 >= 1<<15 && hit(bits, shift, w&ks[2]) {
				return last + 8 - len(b)
			}
		}
		b = b[2:]
	}
	if len(b) == 8 {
		w := binary.LittleEndian.Uint64(b)
		if v := probe[uint16(w)]; v != 0 {
			ks := &keys[v&63]
			if hit(bits, shift, w&ks[0]) || hit(bits, shift, w&ks[1]) || v >= 1<<15 && hit(bits, shift, w&ks[2]) {
				return last - 1
			}
		}
	}
	return last
}

// hit reports whether key is in the Bloom filter bits whose length is
// 1<<(58-shift) words. len(bits) is a power of two, so masking the word
// index with len(bits)-1 changes nothing but lets the compiler drop the
// bounds check.
func hit(bits []uint64, shift uint, key uint64) bool {
	x := key * hashMul >> shift
	return bits[x>>6&uint64(len(bits)-1)]&(1<<(x&63)) != 0
}
