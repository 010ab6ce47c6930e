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
	type word struct {
		s          string
		start, end int
	}
	var words []word
	lower := f.lower
	for i := 0; i < len(lower); {
		c := lower[i]
		if 'a' <= c && c <= 'z' {
			j := i + 1
			for j < len(lower) && ('a' <= lower[j] && lower[j] <= 'z' || lower[j] == '\'') {
				j++
			}
			words = append(words, word{lower[i:j], i, j})
			i = j
			continue
		}
		i++
	}
	lex := afinn()
	for k := 0; k < len(words); k++ {
		w := words[k]
		score, end := 0.0, w.end
		if k+1 < len(words) && afinnFirstWords()[w.s] {
			if s, ok := lex[w.s+" "+words[k+1].s]; ok {
				score, end = float64(s), words[k+1].end
				k++
			}
		}
		if score == 0 {
			s, ok := lex[w.s]
			if !ok {
				continue
			}
			score = float64(s)
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
		idx := zhByFirst()
		orig := f.lower
		for i := 0; i < len(orig); {
			r, size := utf8.DecodeRuneInString(orig[i:])
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

// negatedZh reports whether the text before a word ends with a negation.
func negatedZh(before string) bool {
	for _, n := range []string{"不是很", "不太", "不", "没有", "没", "别", "并不"} {
		if strings.HasSuffix(before, n) {
			return true
		}
	}
	return false
}
