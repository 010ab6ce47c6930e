package tone

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func lifestyle(t testing.TB) *Profile {
	p, err := BuiltinProfile("lifestyle")
	require.NoError(t, err)
	return p
}

func signalNames(r Result) []string {
	var out []string
	for _, s := range r.Signals {
		out = append(out, s.Name)
	}
	return out
}

func TestScoreLabels(t *testing.T) {
	p := lifestyle(t)
	tests := []struct {
		name, text, lang string
		hostile          []Hostile
		label            string
		signals          []string // must be present
	}{
		{"recipe", "My grandma's dumpling recipe, step by step:\n1. Mix 500g flour with 250ml warm water\n2. Rest 30 minutes\n3. Roll thin and fill. Hope this helps!", "en", nil, LabelFits, []string{"first_hand", "detail", "helpful"}},
		{"chinese guide", "成都三天两晚攻略分享：\n1. 宽窄巷子，人均50元\n2. 大熊猫基地早上8点去\n希望对你有帮助～", "zh-Hans", nil, LabelFits, []string{"first_hand", "detail", "helpful"}},
		{"honest bad review", "避雷！这家店等了40分钟，菜是凉的，人均150元，服务员态度也差，不会再去了。", "zh-Hans", nil, LabelFits, []string{"first_hand", "detail"}},
		{"welcome", "Welcome TikTok refugees! 欢迎来到小红书～ 有问题可以问我", "en", nil, LabelFits, []string{"welcome"}},
		{"engagement bait", "FOLLOW FOR FOLLOW!!! 互粉互粉 求赞 🔥🔥🔥🔥🔥🔥", "en", nil, LabelOff, []string{"engagement_bait", "shouting", "punctuation_flood", "emoji_flood"}},
		{"hard sell", "震惊！限时秒杀，最后一天，点击链接赶紧下单！！！", "zh-Hans", nil, LabelOff, []string{"hard_sell", "punctuation_flood"}},
		{"hostility", "you are an idiot", "en", []Hostile{{Start: 11, End: 16, Severity: 3}}, LabelOff, []string{"hostility"}},
		{"group contempt", "American people are all so rude", "en", nil, LabelOff, []string{"group_contempt"}},
		{"group contempt zh", "外国人都是垃圾", "zh-Hans", nil, LabelOff, []string{"group_contempt"}},
		{"group contempt zh with an intensifier", "黑人都很懒，男的都像狗一样", "zh-Hans", nil, LabelOff, []string{"group_contempt"}},
		{"plain", "ok", "en", nil, LabelNeutral, nil},
		{"empty", "", "und", nil, LabelNeutral, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := p.Score(Input{Text: tt.text, Language: tt.lang, Hostile: tt.hostile})
			assert.Equal(t, tt.label, r.Label, "score %v signals %+v", r.Score, r.Signals)
			assert.Subset(t, signalNames(r), tt.signals)
			assert.True(t, 0 <= r.Score && r.Score <= 1)
			for _, s := range r.Signals {
				assert.InDelta(t, s.Weight*s.Strength, s.Contribution, 0.002, s.Name)
				for _, e := range s.Evidence {
					assert.Equal(t, tt.text[e.Start:e.End], e.Text, s.Name)
				}
			}
		})
	}
}

func TestDismissiveEmojiIsCultural(t *testing.T) {
	p := lifestyle(t)
	zh := p.Score(Input{Text: "好的呢🙂🙂", Language: "zh-Hans"})
	en := p.Score(Input{Text: "sounds good🙂🙂", Language: "en"})
	assert.Contains(t, signalNames(zh), "dismissive_emoji")
	assert.NotContains(t, signalNames(en), "dismissive_emoji")
	assert.Less(t, zh.Score, en.Score)
}

func TestEntertainmentWeighsDifferently(t *testing.T) {
	ent, err := BuiltinProfile("entertainment")
	require.NoError(t, err)
	life := lifestyle(t)
	hype := Input{Text: "OMG THIS DANCE CHALLENGE IS INSANE!!! 🔥🔥🔥🔥🔥🔥 #fyp #dance #trend #viral #challenge #omg", Language: "en"}
	assert.Equal(t, LabelOff, life.Score(hype).Label)
	assert.NotEqual(t, LabelOff, ent.Score(hype).Label)
	assert.Greater(t, ent.Score(hype).Score, life.Score(hype).Score+0.2)
	assert.ElementsMatch(t, []string{"entertainment", "lifestyle"}, Names())
}

func TestScoreNeverPanics(t *testing.T) {
	p := lifestyle(t)
	for _, s := range []string{"\xff\xfe\xfd", strings.Repeat("哈", 10000), strings.Repeat("A!", 5000), "İİİİ STANBUL İS BİG", "\u202e\u200b"} {
		r := p.Score(Input{Text: s, Language: "und", Hostile: []Hostile{{Start: -1, End: 99999, Severity: 5}}})
		assert.True(t, 0 <= r.Score && r.Score <= 1)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"empty", "", "empty profile"},
		{"unknown key", "profile: x\ncolour: red\nsignals: {}\n", "field colour not found"},
		{"no name", "signals:\n  shouting: {weight: -1}\n", "missing key \"profile\""},
		{"bad thresholds", "profile: x\nthresholds: {fits: 0.2, off: 0.5}\nsignals:\n  shouting: {weight: -1}\n", "thresholds must satisfy"},
		{"no weight", "profile: x\nsignals:\n  shouting: {}\n", "x.yaml:3:13: signal \"shouting\" has no weight"},
		{"bad weight", "profile: x\nsignals:\n  shouting: {weight: lots}\n", "x.yaml:3:22: signal \"shouting\": weight \"lots\" is not a number"},
		{"custom needs terms", "profile: x\nsignals:\n  pets: {weight: 1}\n", "signal \"pets\" is not built in"},
		{"builtin takes no terms", "profile: x\nsignals:\n  shouting: {weight: 1, terms: {en: [a]}}\n", "takes no terms"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("x.yaml", []byte(tt.src))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.True(t, strings.HasPrefix(err.Error(), "tone: "))
		})
	}
}

func TestLoad(t *testing.T) {
	p, err := Load("entertainment")
	require.NoError(t, err)
	assert.Equal(t, "entertainment", p.Name)

	path := filepath.Join(t.TempDir(), "pets.yaml")
	require.NoError(t, os.WriteFile(path, []byte("profile: pets\nsignals:\n  pets:\n    weight: 1.5\n    terms: {en: [cat, dog], zh: [猫]}\n"), 0o644))
	p, err = Load(path)
	require.NoError(t, err)
	r := p.Score(Input{Text: "my cat and 猫", Language: "en"})
	assert.Equal(t, []string{"pets"}, signalNames(r))
	assert.Len(t, r.Signals[0].Evidence, 2)
	w, ok := p.Weight("pets", "zh-Hans")
	assert.True(t, ok)
	assert.Equal(t, 1.5, w)

	_, err = Load("nosuchprofile")
	assert.ErrorContains(t, err, `no profile named "nosuchprofile" (have entertainment, lifestyle)`)
	_, err = Load(filepath.Join(t.TempDir(), "missing.yaml"))
	assert.ErrorContains(t, err, "tone: ")
}

func FuzzScore(f *testing.F) {
	for _, s := range []string{"", "FOLLOW FOR FOLLOW!!!", "避雷！人均150元", "🙂🙂", "#a #b #c #d #e #f", "\xff", "İİİİİİ wow!!!!!!", "ȺȺȺ 😀😀😀😀😀😀", "\xc70% off!!!!", "a\xff\xfeb 人均150元"} {
		f.Add(s)
	}
	p := lifestyle(f)
	f.Fuzz(func(t *testing.T, s string) {
		v, off := validUTF8(s)
		require.Equal(t, strings.ToValidUTF8(s, "\uFFFD"), v)
		require.Len(t, off, len(v)+1)
		r := p.Score(Input{Text: s, Language: "zh-Hans"})
		require.True(t, 0 <= r.Score && r.Score <= 1)
		for _, sig := range r.Signals {
			for _, e := range sig.Evidence {
				require.True(t, 0 <= e.Start && e.Start <= e.End && e.End <= len(s), "%+v in %q", e, s)
				require.Equal(t, s[e.Start:e.End], e.Text, "%s evidence in %q", sig.Name, s)
			}
		}
	})
}

// Lower-casing that changes a text's length (İ is two bytes, i̇ three)
// must not shift the evidence of the detectors that read the original.
func TestEvidenceWhenLowerCasingChangesLength(t *testing.T) {
	p := lifestyle(t)
	for _, s := range []string{strings.Repeat("İ", 50) + " wow!!!!!!", "ȺȺȺȺ great trip 😀😀😀😀😀😀😀 wow!!!!!!"} {
		r := p.Score(Input{Text: s, Language: "en"})
		found := 0
		for _, sig := range r.Signals {
			for _, e := range sig.Evidence {
				found++
				assert.Equal(t, s[e.Start:e.End], e.Text, "%s in %q", sig.Name, s)
			}
		}
		assert.NotZero(t, found, s)
	}
}

// Words that also name food, pets and pregnancy nausea do not make a
// statement about a group contemptuous.
func TestGroupContemptSparesInnocentSenses(t *testing.T) {
	p := lifestyle(t)
	for _, s := range []string{"女人都爱吃猪蹄", "男人都喜欢狗狗", "美国人都很爱养狗", "孕期女人都会恶心想吐", "上海人都不嫌脏", "男的都在傻笑", "中国人都爱吃垃圾食品吗"} {
		r := p.Score(Input{Text: s, Language: "zh-Hans"})
		for _, sig := range r.Signals {
			assert.NotEqual(t, "group_contempt", sig.Name, s)
		}
	}
}
