package tone

import (
	"math"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// valence is how positive or negative a text reads, in [-1, 1], with the
// words behind it.
type valence struct {
	v        float64
	pos, neg []Evidence
}

// afinn is AFINN-165 as a map from lower-case word or phrase to score.
var afinn = sync.OnceValue(func() map[string]int8 {
	m := make(map[string]int8, 3400)
	for line := range strings.SplitSeq(afinnData, "\n") {
		w, s, ok := strings.Cut(line, "\t")
		if !ok {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil {
			continue
		}
		m[w] = int8(n)
	}
	return m
})

// afinnFirstWords holds the first words of AFINN's phrases, so a phrase is
// looked up only after a word that may start one.
var afinnFirstWords = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for w := range afinn() {
		if first, _, ok := strings.Cut(w, " "); ok {
			m[first] = true
		}
	}
	return m
})

// afinnEntry is what AFINN says of a word: its score if it has one, and
// whether a phrase starts with it.
type afinnEntry struct {
	score        int8
	scored       bool
	startsPhrase bool
}

// afinnWords merges afinn and afinnFirstWords, so a word takes one look-up.
var afinnWords = sync.OnceValue(func() map[string]afinnEntry {
	m := make(map[string]afinnEntry, len(afinn()))
	for w, s := range afinn() {
		e := m[w]
		e.score, e.scored = s, true
		m[w] = e
	}
	for w := range afinnFirstWords() {
		e := m[w]
		e.startsPhrase = true
		m[w] = e
	}
	return m
})

// afinnKeys holds afinnKey of every key of afinnWords, so most words not
// in AFINN are passed over without a map look-up.
var afinnKeys = sync.OnceValue(func() *[1 << 16 / 64]uint64 {
	var set [1 << 16 / 64]uint64
	for w := range afinnWords() {
		k := afinnKey(w)
		set[k>>6] |= 1 << (k & 63)
	}
	return &set
})

// afinnKey hashes a non-empty word's length and first, second and last
// bytes.
func afinnKey(w string) uint16 {
	n := len(w)
	return uint16(n)*7919 ^ uint16(w[0])<<8 ^ uint16(w[n-1])<<3 ^ uint16(w[min(1, n-1)])
}

// zhValence rates common Chinese words of opinion from -3 to 3. Entries
// that start with a negation (不错, 不推荐) are read as a whole before the
// negation rule applies.
var zhValence = map[string]int8{
	// positive
	"好吃": 3, "好看": 2, "好用": 2, "好喝": 2, "喜欢": 2, "爱了": 3, "推荐": 2, "满意": 2, "惊喜": 3,
	"舒服": 2, "值得": 2, "开心": 2, "感谢": 2, "谢谢": 2, "棒": 2, "赞": 2, "完美": 3, "绝了": 2,
	"好评": 2, "划算": 2, "漂亮": 2, "可爱": 2, "温柔": 2, "贴心": 2, "美味": 3, "幸福": 2, "热情": 2,
	"方便": 1, "实惠": 2, "友好": 2, "欢迎": 2, "不错": 2, "好喜欢": 3, "太好了": 3, "感动": 2,
	"期待": 1, "放心": 2, "新鲜": 1, "治愈": 2, "靠谱": 2, "优秀": 2, "厉害": 2, "耐心": 2,
	// negative
	"难吃": -3, "难看": -2, "难用": -2, "难喝": -2, "失望": -2, "后悔": -2, "差劲": -3, "太差": -3,
	"很差": -3, "垃圾": -3, "踩雷": -2, "避雷": -1, "糟糕": -2, "生气": -2, "讨厌": -2, "恶心": -3,
	"难受": -2, "崩溃": -2, "气死": -2, "无语": -2, "烦": -2, "贵": -1, "脏": -2, "骗": -3,
	"假货": -3, "差评": -2, "不好": -2, "不推荐": -2, "不满意": -2, "不喜欢": -2, "不值": -2,
	"不行": -1, "可怕": -2, "伤心": -2, "难过": -2, "害怕": -2, "坑人": -3, "态度差": -3,
	"敷衍": -2, "过期": -2, "破": -1, "痛苦": -2, "孤独": -2, "绝望": -3,
}

// zhFirst holds the first characters of zhValence's entries.
var zhFirst = sync.OnceValue(func() *runeSet {
	idx := zhByFirst()
	return newRuneSet(func(r rune) bool { return idx[r] != nil })
})

// zhByFirst indexes zhValence by first character, longest entries first.
var zhByFirst = sync.OnceValue(func() map[rune][]string {
	m := map[rune][]string{}
	for w := range zhValence {
		r, _ := utf8.DecodeRuneInString(w)
		m[r] = append(m[r], w)
	}
	for r, ws := range m {
		// Longest first, then lexical, so matching is deterministic.
		for i := 1; i < len(ws); i++ {
			for j := i; j > 0 && (len(ws[j]) > len(ws[j-1]) || len(ws[j]) == len(ws[j-1]) && ws[j] < ws[j-1]); j-- {
				ws[j], ws[j-1] = ws[j-1], ws[j]
			}
		}
		m[r] = ws
	}
	return m
})

var enNegators = map[string]bool{
	"not": true, "no": true, "never": true, "don't": true, "dont": true, "doesn't": true, "didn't": true,
	"isn't": true, "wasn't": true, "aren't": true, "weren't": true, "can't": true, "cannot": true,
	"won't": true, "wouldn't": true, "shouldn't": true, "nothing": true, "nobody": true, "neither": true,
	"nor": true, "without": true, "hardly": true, "barely": true,
}

// negationFactor is what a negated word's score is multiplied by.
const negationFactor = -0.75

// computeValence rates the text with AFINN-165 for its English words and
// the Chinese lexicon for its Chinese ones. The sum is squashed into
// [-1, 1] as VADER does: s / sqrt(s² + 15).
func computeValence(f *folded) valence {
	var val valence
	sum := 0.0
	add := func(score float64, start, end int) {
		sum += score
		ev := f.evidence(start, end)
		if score > 0 {
			val.pos = append(val.pos, ev)
		} else if score < 0 {
			val.neg = append(val.neg, ev)
		}
	}
	// English: words of letters and apostrophes in the lower-cased text.
	wp := valenceWords.Get().(*[]valenceWord)
	defer func() {
		clear(*wp) // drop the references to the text
		valenceWords.Put(wp)
	}()
	words := (*wp)[:0]
	lower := f.lower
	for i := 0; i < len(lower); {
		c := lower[i]
		if 'a' <= c && c <= 'z' {
			j := i + 1
			for j < len(lower) && ('a' <= lower[j] && lower[j] <= 'z' || lower[j] == '\'') {
				j++
			}
			words = append(words, valenceWord{lower[i:j], i, j})
			i = j
			continue
		}
		i++
	}
	*wp = words
	lex, entries, keys := afinn(), afinnWords(), afinnKeys()
	for k := 0; k < len(words); k++ {
		w := words[k]
		if h := afinnKey(w.s); keys[h>>6]&(1<<(h&63)) == 0 {
			continue
		}
		e, known := entries[w.s]
		if !known {
			continue
		}
		score, end := 0.0, w.end
		if k+1 < len(words) && e.startsPhrase {
			if s, ok := lex[w.s+" "+words[k+1].s]; ok {
				score, end = float64(s), words[k+1].end
				k++
			}
		}
		if score == 0 {
			if !e.scored {
				continue
			}
			score = float64(e.score)
		}
		for back := 1; back <= 3 && k-back >= 0; back++ {
			if enNegators[words[k-back].s] {
				score *= negationFactor
				break
			}
		}
		add(score, w.start, end)
	}
	// Chinese: longest lexicon entry at each character.
	if f.hasHan() {
		idx, first := zhByFirst(), zhFirst()
		orig := f.lower
		for i := 0; i < len(orig); {
			r, size := utf8.DecodeRuneInString(orig[i:])
			if r < 0x10000 && !first.has(r) {
				i += size
				continue
			}
			matched := false
			for _, w := range idx[r] {
				if strings.HasPrefix(orig[i:], w) {
					score := float64(zhValence[w])
					if negatedZh(orig[:i]) {
						score *= negationFactor
					}
					add(score, i, i+len(w))
					i += len(w)
					matched = true
					break
				}
			}
			if !matched {
				i += size
			}
		}
	}
	val.v = sum / math.Sqrt(sum*sum+15)
	return val
}

// valenceWord is an English word of a text, with its byte offsets.
type valenceWord struct {
	s          string
	start, end int
}

// valenceWords holds computeValence's buffers of words.
var valenceWords = sync.Pool{New: func() any { return new([]valenceWord) }}

// negatedZh reports whether the text before a word ends with a negation.
func negatedZh(before string) bool {
	for _, n := range []string{"不是很", "不太", "不", "没有", "没", "别", "并不"} {
		if strings.HasSuffix(before, n) {
			return true
		}
	}
	return false
}
