package normalize

import (
	"testing"
)

// benchTexts are short posts of the kinds a feed sees.
var benchTexts = map[string]string{
	"ascii-plain": "just made my first batch of dumplings and they came out great, thanks for the tips everyone",
	"ascii-cased": "Just made my FIRST batch of dumplings, 500g flour and 250ml water. Thanks for the tips!",
	"chinese":     "今天去了一家新开的咖啡店，环境很好，拿铁也不错，人均三十五元，推荐给大家，下次还会再来",
	"mixed":       "Welcome TikTok refugees! 欢迎来到小红书～ 这里有很多美食攻略 and travel guides 🥟",
	"evasive":     "what a load of $h1t. f.u.c.k this app, ｆｕｃｋ, fuuuucking bot, 傻 逼 他女马的",
	"emoji":       "今天的早餐😋😋👍🏻🔥 pancakes with berries 🫐🍓 so good 💯✨🙏🏻 #brunch 🥞☕️",
}

// BenchmarkReset measures the whole normalisation per kind of text:
//
//	go test -run '^$' -bench Reset -count 6 ./rules/internal/normalize/
func BenchmarkReset(b *testing.B) {
	for _, name := range []string{"ascii-plain", "ascii-cased", "chinese", "mixed", "evasive", "emoji"} {
		text := benchTexts[name]
		b.Run("text="+name, func(b *testing.B) {
			var t Text
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				t.Reset(text)
			}
		})
	}
}

// BenchmarkSteps measures each step of the pipeline on its own, on the
// mixed and evasive texts.
func BenchmarkSteps(b *testing.B) {
	classOf('a') // build the class table outside the timings
	for _, name := range []string{"mixed", "evasive"} {
		text := benchTexts[name]
		var base Text
		base.decode(text)
		units := append([]unit(nil), base.units...)
		steps := []struct {
			name string
			run  func(t *Text)
		}{
			{"decode", func(t *Text) { t.units = t.units[:0]; t.decode(text) }},
			{"separators", func(t *Text) { t.units = append(t.units[:0], units...); t.separators() }},
			{"words", func(t *Text) { t.units = append(t.units[:0], units...); t.alts = t.alts[:0]; t.words() }},
			{"repeats", func(t *Text) { t.units = append(t.units[:0], units...); t.repeats() }},
			{"splits", func(t *Text) { t.units = append(t.units[:0], units...); t.splits() }},
			{"encode", func(t *Text) {
				t.units = append(t.units[:0], units...)
				t.starts, t.alts = t.starts[:0], t.alts[:0]
				t.encode()
			}},
		}
		for _, st := range steps {
			b.Run("text="+name+"/step="+st.name, func(b *testing.B) {
				var t Text
				t.orig = text
				b.SetBytes(int64(len(text)))
				for b.Loop() {
					st.run(&t)
				}
			})
		}
	}
}
