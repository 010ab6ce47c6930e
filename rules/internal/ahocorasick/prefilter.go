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
// long pattern is its first 8 bytes; the key of a short pattern is its first
// k bytes, where k is the length of the shortest short pattern starting with
// the same two bytes. A position is tested with two probes, one per kind of
// key, each selected by the position's first two bytes.
type prefilter struct {
	// probe[b0|b1<<8] holds the key lengths for positions starting with the
	// bytes b0 b1: the short one in the low 4 bits, the long one in the high
	// 4 bits. Where only one kind of pattern starts with b0 b1 both fields
	// hold its length; where none does, probe is 0.
	probe *[1 << 16]uint8
	// bits is a blocked Bloom filter of the keys: each key sets two bits in
	// one 64-bit word. Its length is a power of two.
	bits []uint64
}

// hashMul is the multiplier of the key hash (2^64 divided by the golden
// ratio).
const hashMul = 0x9e3779b97f4a7c15

// keyMask[k] keeps the first k bytes of a little-endian word.
var keyMask = [16]uint64{
	0, 0xff, 0xffff, 0xffffff, 0xffffffff, 0xffffffffff, 0xffffffffffff,
	0xffffffffffffff, 0xffffffffffffffff,
}

// Bits per key in the Bloom filter. A position whose first bytes are no key
// passes one probe with probability about (2*keys/bits)^2.
const (
	bitsPerKey = 32
	minBits    = 1 << 12
	maxBits    = 1 << 25
)

// buildPrefilter returns the prefilter for patterns, or nil, unless force is
// set, if it would accept almost every position anyway: when more than a
// quarter of the byte pairs start a pattern of at most two bytes.
func buildPrefilter(patterns [][]byte, force bool) *prefilter {
	short := make([]uint8, 1<<16) // shortest short pattern per byte pair
	long := make([]bool, 1<<16)   // whether a long pattern starts with the pair
	for _, p := range patterns {
		if len(p) >= 8 {
			long[int(p[0])|int(p[1])<<8] = true
			continue
		}
		k := uint8(len(p))
		if len(p) == 1 {
			for b1 := range 256 {
				i := int(p[0]) | b1<<8
				if short[i] == 0 || short[i] > k {
					short[i] = k
				}
			}
			continue
		}
		i := int(p[0]) | int(p[1])<<8
		if short[i] == 0 || short[i] > k {
			short[i] = k
		}
	}
	tiny := 0
	probe := short // reused: short[i] is read before probe[i] is written
	for i, k := range short {
		if k != 0 && k <= 2 {
			tiny++
		}
		switch {
		case k != 0 && long[i]:
			probe[i] = k | 8<<4
		case k != 0:
			probe[i] = k | k<<4
		case long[i]:
			probe[i] = 8 | 8<<4
		}
	}
	if !force && tiny > len(probe)/4 {
		return nil
	}

	nbits := max(minBits, min(maxBits, len(patterns)*bitsPerKey))
	nbits = 1 << bits.Len(uint(nbits-1))
	f := &prefilter{
		probe: (*[1 << 16]uint8)(probe),
		bits:  make([]uint64, nbits/64),
	}
	var buf [8]byte
	for _, p := range patterns {
		n := copy(buf[:], p)
		clear(buf[n:])
		w := binary.LittleEndian.Uint64(buf[:])
		k := uint8(8)
		if len(p) < 8 {
			// The short key length for p's first two bytes, at most
			// len(p); a one-byte pattern set it for (p[0], 0).
			k = probe[uint16(w)] & 15
		}
		f.set(hash(w & keyMask[k]))
	}
	return f
}

// hash returns the hash of a key: the low bits select a word of the Bloom
// filter, the top two 6-bit fields the two bits in it.
func hash(key uint64) uint64 {
	x := key * hashMul
	return x ^ x>>32
}

// set adds hashed key x to the Bloom filter.
func (f *prefilter) set(x uint64) {
	f.bits[x&uint64(len(f.bits)-1)] |= 1<<(x>>58) | 1<<(x>>52&63)
}

// next returns the first position p in [pos, end) where an occurrence may
// start, or end if there is none. Positions less than 8 bytes from the end
// of h are always candidates. It is hit, inlined by hand into the loop.
func (f *prefilter) next(h []byte, pos, end int) int {
	probe, bits := f.probe, f.bits
	wmask := uint64(len(bits) - 1)
	last := min(end, len(h)-7) // positions before last have 8 bytes
	for ; pos < last; pos++ {
		w := binary.LittleEndian.Uint64(h[pos:])
		v := probe[uint16(w)]
		if v == 0 {
			continue
		}
		x := (w & keyMask[v&15]) * hashMul
		y := (w & keyMask[v>>4]) * hashMul
		x ^= x >> 32
		y ^= y >> 32
		bx, by := bits[x&wmask], bits[y&wmask]
		if (bx>>(x>>58)&(bx>>(x>>52&63))|by>>(y>>58)&(by>>(y>>52&63)))&1 != 0 {
			return pos
		}
	}
	return min(pos, end)
}
