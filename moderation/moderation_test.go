package moderation

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/feedguard/feedguard/moderation/tone"
	"github.com/feedguard/feedguard/rules"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// shared is created once per test binary: loading language models takes
// seconds.
var shared = sync.OnceValues(func() (*Moderator, error) { return New() })

func moderator(t testing.TB) *Moderator {
	m, err := shared()
	require.NoError(t, err)
	return m
}

func TestModerateVerdicts(t *testing.T) {
	m := moderator(t)
	tests := []struct {
		name     string
		text     string
		action   Action
		lang     string
		category string // a category that must be present, if any
	}{
		{"friendly welcome", "Welcome TikTok refugees! 欢迎来到小红书～ 有问题可以问我，很高兴认识大家", Allow, "zh-Hans", ""},
		{"recipe", "My first time making 饺子! Recipe: 500g flour, 250ml warm water, rest 30 minutes. Thanks everyone for the tips 🥟", Allow, "en", ""},
		{"chinese review", "实测这款防晒一个月，不油不闷痘，价格120元，会回购。", Allow, "zh-Hans", ""},
		{"traditional", "這家餐廳的牛肉麵很好吃，推薦給大家！", Allow, "zh-Hant", ""},
		{"chinese insult", "楼上那个傻逼别在这杠了，看不懂就滚出去", Review, "zh-Hans", "harassment"},
		{"chinese initialism", "你是sb吧，nmsl", Block, "zh-Hans", "harassment"},
		{"initialisms between clauses", "nmsl，说的就是你，tmd还敢删我评论", Review, "zh-Hans", "harassment"},
		{"english insult", "Shut up you fucking idiot", Review, "en", "harassment"},
		{"threat", "I know where you live. I will find you and hurt you.", Block, "en", "harassment/threatening"},
		{"slur", "go home chink", Block, "en", "hate"},
		{"xenophobia", "这些洋垃圾滚回美国去", Block, "zh-Hans", "hate"},
		{"self harm", "最近真的好累，不想活了", Review, "zh-Hans", "self-harm/intent"},
		{"diversion", "想要同款的加V：abc123，私信领取优惠", Limit, "zh-Hans", "off-platform"},
		{"engagement bait", "FOLLOW FOR FOLLOW!!! 🔥🔥🔥🔥🔥🔥 f4f l4l", Limit, "en", "spam/engagement-bait"},
		{"innocent traps", "我们在操场上跑步，然后去日本料理店吃了鸡蛋和牛奶布丁", Allow, "zh-Hans", ""},
		{"english traps", "Scunthorpe has a classic cocktail bar; ask sb for help with the assessment", Allow, "en", ""},
		{"bye in chinese", "今天就到这里，88！", Allow, "zh-Hans", ""},
		{"full width evasion", "ｆｕｃｋ you", Review, "en", "profanity"},
		{"zero width evasion", "f\u200buck you", Review, "en", "harassment"},
		{"mentioned not used", "提醒外国朋友：粤语里的「鬼佬」是贬义词，\"老外\"一般没有恶意", Allow, "zh-Hans", "hate"},
		{"term explained in two forms", "sb（傻逼的缩写）是骂人的话，别对别人用", Allow, "zh-Hans", "harassment"},
		{"term named as a word", "鬼佬这个词在粤语里是贬义的，新来的朋友别乱用", Allow, "zh-Hans", "hate"},
		{"used twice", "你就是个傻逼，傻逼", Block, "zh-Hans", "harassment"},
		{"put-down on its own", "Pathetic. 🤡", Limit, "en", "harassment"},
		{"the same word in a sentence", "I felt like such a loser at the gym today, but I went back", Allow, "en", ""},
		{"chinese put-down on its own", "垃圾！", Limit, "zh-Hans", "harassment"},
		{"rubbish sorting", "上海的垃圾分类真的很细，干垃圾湿垃圾要分开", Allow, "zh-Hans", ""},
		{"spanish overripe", "este plátano está pocho, mejor hacemos pan de plátano", Allow, "es", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := m.Moderate(context.Background(), Post{Text: tt.text})
			require.NoError(t, err)
			// Cases where a stronger action is also right.
			orStronger := map[string]bool{"diversion": true}
			if orStronger[tt.name] {
				assert.GreaterOrEqual(t, v.Action, tt.action, "reasons: %s", strings.Join(v.Reasons, "\n"))
			} else {
				assert.Equal(t, tt.action, v.Action, "reasons: %s", strings.Join(v.Reasons, "\n"))
			}
			assert.Equal(t, tt.lang, v.Language)
			if tt.category != "" {
				assert.Contains(t, v.Categories, tt.category)
			}
			if v.Action != Allow {
				assert.NotEmpty(t, v.Reasons)
			}
			for _, mt := range v.Matches {
				assert.Equal(t, tt.text[mt.Start:mt.End], mt.Text)
			}
			assert.Equal(t, m.Rules().Version(), v.RulesVersion)
		})
	}
}

func TestShortLatinRunsJoinTheirSpan(t *testing.T) {
	m := moderator(t)
	v, err := m.Moderate(context.Background(), Post{Text: "nmsl，说的就是你，tmd还敢删我评论"})
	require.NoError(t, err)
	assert.Equal(t, []LanguageSpan{{Start: 0, End: len("nmsl，说的就是你，tmd还敢删我评论"), Language: "zh-Hans"}}, v.LanguageSpans)
}

func TestModerateBadInput(t *testing.T) {
	m := moderator(t)
	for name, text := range map[string]string{
		"empty":         "",
		"emoji only":    "🙂🙂🔥",
		"invalid utf8":  "\xff\xfe\xfd fuck \xc3",
		"controls":      "a\x00b\x1b[31mred\x7f",
		"huge":          strings.Repeat("傻逼 hello ", 1<<20),
		"huge one rune": strings.Repeat("好", 5<<20),
	} {
		t.Run(name, func(t *testing.T) {
			v, err := m.Moderate(context.Background(), Post{Text: text})
			require.NoError(t, err)
			assert.NotEmpty(t, v.Language)
			if len(text) > DefaultMaxTextBytes {
				assert.True(t, v.Truncated)
				assert.Contains(t, strings.Join(v.Reasons, "\n"), "were judged")
			}
			for _, mt := range v.Matches {
				assert.LessOrEqual(t, mt.End, DefaultMaxTextBytes)
				assert.Equal(t, text[mt.Start:mt.End], mt.Text)
			}
			_, err = json.Marshal(v)
			require.NoError(t, err)
		})
	}
	v, err := m.Moderate(context.Background(), Post{Text: "🙂🙂🔥"})
	require.NoError(t, err)
	assert.Equal(t, "und", v.Language)
	assert.Zero(t, v.LanguageConfidence)
}

func TestModerateCancelled(t *testing.T) {
	m := moderator(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := m.Moderate(ctx, Post{Text: "hello"})
	assert.ErrorIs(t, err, context.Canceled)
}

func TestNewErrors(t *testing.T) {
	m := moderator(t)
	d := WithDetector(m.Detector()) // avoid loading models again
	tests := []struct {
		name string
		opts []Option
		want string
	}{
		{"unknown language", []Option{WithLanguages("en", "xx")}, "langdetect"},
		{"one language", []Option{WithLanguages("en")}, "at least 2"},
		{"no rules", []Option{d, WithoutDefaultRules()}, "no rule packs"},
		{"unknown profile", []Option{d, WithProfileName("chill")}, `no profile named "chill"`},
		{"bad size", []Option{d, WithMaxTextBytes(0)}, "not positive"},
		{"bad policy", []Option{d, WithPolicy(Policy{Categories: map[string]Thresholds{"rudeness": {Block: 1}}})}, `unknown category "rudeness"`},
		{"nil rule set", []Option{d, WithRuleSet(nil)}, "nil rule set"},
		{"nil detector", []Option{WithDetector(nil)}, "nil detector"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := New(tt.opts...)
			assert.Nil(t, got)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestCustomPacksAndSwap(t *testing.T) {
	base := moderator(t)
	pack, err := rules.ParsePack("pets.yaml", []byte("pack: pets\nrules:\n  - {id: pets.cat, category: extremism, severity: 5, gloss: test rule, terms: [catnip]}\n"))
	require.NoError(t, err)
	m, err := New(WithDetector(base.Detector()), WithoutDefaultRules(), WithPacks(pack))
	require.NoError(t, err)
	ctx := context.Background()
	v, err := m.Moderate(ctx, Post{Text: "free catnip for everyone"})
	require.NoError(t, err)
	assert.Equal(t, Block, v.Action)
	assert.Equal(t, []string{"extremism"}, v.Categories)
	old := v.RulesVersion

	// A failed reload keeps the old rules.
	bad := &rules.Pack{Name: "bad", Rules: []*rules.Rule{{ID: "x", Category: "nope", Severity: 1, Match: rules.MatchWord, Terms: []string{"x"}}}}
	assert.Error(t, m.ReloadRules(bad))
	assert.Equal(t, old, m.Rules().Version())

	// A good reload swaps them.
	defaults, err := rules.DefaultPacks()
	require.NoError(t, err)
	require.NoError(t, m.ReloadRules(defaults...))
	v, err = m.Moderate(ctx, Post{Text: "free catnip for everyone"})
	require.NoError(t, err)
	assert.Equal(t, Allow, v.Action)
	assert.NotEqual(t, old, v.RulesVersion)
	assert.Error(t, m.SetRules(nil))
}

func TestSwapUnderLoad(t *testing.T) {
	base := moderator(t)
	mk := func(severity int) *rules.Set {
		p := &rules.Pack{Name: "p", Rules: []*rules.Rule{{ID: "r", Category: "extremism", Severity: rules.Severity(severity), Match: rules.MatchWord, Terms: []string{"catnip"}}}}
		s, err := rules.Compile(p)
		require.NoError(t, err)
		return s
	}
	low, high := mk(1), mk(5)
	m, err := New(WithDetector(base.Detector()), WithRuleSet(low))
	require.NoError(t, err)
	var wg sync.WaitGroup
	stop := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if i%2 == 0 {
				_ = m.SetRules(high)
			} else {
				_ = m.SetRules(low)
			}
		}
	}()
	for range 500 {
		v, err := m.Moderate(context.Background(), Post{Text: "catnip"})
		require.NoError(t, err)
		// Each verdict is consistent with exactly one of the two sets.
		switch v.RulesVersion {
		case high.Version():
			assert.Equal(t, Block, v.Action)
		case low.Version():
			assert.Equal(t, Allow, v.Action)
		default:
			t.Fatalf("unknown version %s", v.RulesVersion)
		}
	}
	close(stop)
	wg.Wait()
}

func TestProfileChangesTone(t *testing.T) {
	base := moderator(t)
	ent, err := New(WithDetector(base.Detector()), WithProfileName("entertainment"))
	require.NoError(t, err)
	post := Post{Text: "OMG THIS DANCE CHALLENGE IS INSANE!!! 🔥🔥🔥🔥🔥🔥 #fyp #dance #trend #viral #challenge"}
	lv, err := base.Moderate(context.Background(), post)
	require.NoError(t, err)
	ev, err := ent.Moderate(context.Background(), post)
	require.NoError(t, err)
	assert.Equal(t, tone.LabelOff, lv.Tone.Label)
	assert.Equal(t, Limit, lv.Action)
	assert.Equal(t, "entertainment", ev.Profile)
	assert.Greater(t, ev.Tone.Score, lv.Tone.Score)
	assert.Equal(t, Allow, ev.Action)
}

func TestVerdictJSON(t *testing.T) {
	m := moderator(t)
	v, err := m.Moderate(context.Background(), Post{Text: "你是sb吗"})
	require.NoError(t, err)
	b, err := json.Marshal(v)
	require.NoError(t, err)
	var got map[string]any
	require.NoError(t, json.Unmarshal(b, &got))
	for _, k := range []string{"action", "language", "language_confidence", "language_spans", "categories", "matches", "tone", "reasons", "rules_version", "profile"} {
		assert.Contains(t, got, k)
	}
	assert.Equal(t, "review", got["action"])
	match := got["matches"].([]any)[0].(map[string]any)
	for _, k := range []string{"rule", "category", "severity", "start", "end", "text"} {
		assert.Contains(t, match, k)
	}
	assert.Equal(t, "sb", match["text"])
	var back Verdict
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, v.Action, back.Action)
	toneObj := got["tone"].(map[string]any)
	for _, k := range []string{"score", "label", "signals"} {
		assert.Contains(t, toneObj, k)
	}
}

func TestActionText(t *testing.T) {
	for a := Allow; a <= Block; a++ {
		b, err := a.MarshalText()
		require.NoError(t, err)
		var back Action
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, a, back)
	}
	_, err := Action(9).MarshalText()
	assert.Error(t, err)
	_, err = ParseAction("delete")
	assert.ErrorContains(t, err, `unknown action "delete"`)
}

func TestCutAtRune(t *testing.T) {
	s := "ab好c"
	assert.Equal(t, "ab", cutAtRune(s, 3))
	assert.Equal(t, "ab", cutAtRune(s, 4))
	assert.Equal(t, "ab好", cutAtRune(s, 5))
	assert.Equal(t, s, cutAtRune(s, 100))
}

// samplePosts reads the example export shipped in the repository.
func samplePosts(t testing.TB) []Post {
	f, err := os.Open("../examples/data/posts.jsonl")
	require.NoError(t, err)
	defer f.Close()
	var posts []Post
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var rec struct {
			ID   any    `json:"id"`
			Text string `json:"text"`
		}
		require.NoError(t, json.Unmarshal(sc.Bytes(), &rec))
		posts = append(posts, Post{Text: rec.Text})
	}
	require.NoError(t, sc.Err())
	return posts
}

func TestSamplePostsConcurrent(t *testing.T) {
	m := moderator(t)
	posts := samplePosts(t)
	require.GreaterOrEqual(t, len(posts), 300)
	want := make([]Verdict, len(posts))
	for i, p := range posts {
		v, err := m.Moderate(context.Background(), p)
		require.NoError(t, err)
		want[i] = v
	}
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(posts); i += 4 {
				v, err := m.Moderate(context.Background(), posts[i])
				assert.NoError(t, err)
				assert.Equal(t, want[i], v, "verdicts are deterministic and goroutine-safe")
			}
		}()
	}
	wg.Wait()
	counts := map[Action]int{}
	for _, v := range want {
		counts[v.Action]++
	}
	// Most of a lifestyle community's posts are fine.
	assert.Greater(t, counts[Allow], len(posts)*7/10, "%v", counts)
	assert.Positive(t, counts[Review]+counts[Block])
}

func BenchmarkModerate(b *testing.B) {
	m := moderator(b)
	posts := samplePosts(b)
	var n int64
	for _, p := range posts {
		n += int64(len(p.Text))
	}
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := m.Moderate(ctx, posts[i%len(posts)]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "posts/s")
	b.SetBytes(n / int64(len(posts)))
}
