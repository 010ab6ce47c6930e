package langdetect

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDetectLanguages(t *testing.T) {
	d := testDetector(t)
	tests := []struct {
		name, text, want string
	}{
		{"zh-Hans", "今天去了新开的咖啡店，抹茶拿铁真的绝了，强烈推荐给大家", "zh-Hans"},
		{"zh-Hant", "今天去了新開的咖啡店，抹茶拿鐵真的絕了，強烈推薦給大家", "zh-Hant"},
		{"zh-Hans two characters", "你好", "zh-Hans"},
		{"zh-Hant short", "謝謝", "zh-Hant"},
		{"en", "Just tried the new matcha latte at the corner cafe and honestly it was amazing", "en"},
		{"ja kana", "今日はとても楽しかったです。また行きたいな", "ja"},
		{"ja kana only", "ありがとうございます", "ja"},
		{"ja kanji only with shinjitai", "東京駅前広場", "ja"},
		{"ja kanji only with kokuji", "駅込売場", "ja"},
		{"ko", "오늘 카페에 갔는데 너무 좋았어요", "ko"},
		{"es", "Hola a todos, me encanta esta aplicación y la comunidad", "es"},
		{"fr", "Bonjour tout le monde, je suis très contente d'être ici", "fr"},
		{"de", "Ich habe heute einen wunderschönen Spaziergang im Park gemacht", "de"},
		{"pt", "Olá pessoal, estou muito feliz de estar aqui com vocês", "pt"},
		{"ru", "Привет всем, я очень рад быть здесь", "ru"},
		{"ar", "مرحبا بالجميع، أنا سعيد جدا بوجودي هنا", "ar"},
		{"vi", "Xin chào mọi người, tôi rất vui được ở đây", "vi"},
		{"th", "สวัสดีครับ วันนี้อากาศดีมาก", "th"},
		{"id", "Halo semuanya, saya sangat senang berada di sini bersama kalian", "id"},
		{"it", "Ciao a tutti, sono molto felice di essere qui con voi", "it"},
		{"tr", "Herkese merhaba, burada olmaktan çok mutluyum", "tr"},
		{"borrowed の stays Chinese", "我の日常分享", "zh-Hans"},
		{"pinyin insult inside Chinese", "你真是个sb", "zh-Hans"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := d.Detect(tt.text)
			assert.Equal(t, tt.want, r.Language, "text %q", tt.text)
			assert.Greater(t, r.Confidence, 0.0)
			assert.LessOrEqual(t, r.Confidence, 1.0)
		})
	}
}

func TestConfidence(t *testing.T) {
	d := testDetector(t)
	short := d.Detect("你好")
	long := d.Detect("欢迎来到小红书，这里有很多生活经验和好物推荐")
	assert.Less(t, short.Confidence, 0.95, "two Han characters without variant evidence")
	assert.Greater(t, short.Confidence, 0.6)
	assert.Greater(t, long.Confidence, short.Confidence)
	assert.Less(t, long.Confidence, 1.0)
	assert.Greater(t, d.Detect("안녕하세요 반갑습니다").Confidence, 0.95)
}

func TestDetectUndetermined(t *testing.T) {
	d := testDetector(t)
	for name, text := range map[string]string{
		"empty":             "",
		"spaces":            "   \n\t",
		"emoji only":        "😀😂👍🔥✨",
		"punctuation only":  "!!!???……。。。",
		"digits":            "666 88 250 1314",
		"too few letters":   "ok",
		"one kana":          "ね",
		"url only":          "https://www.xiaohongshu.com/explore/123abc",
		"mention only":      "@小红薯123 @someone_else",
		"hashtags only":     "#TikTokRefugee #ootd #小红书",
		"kaomoji":           "(ﾉ◕ヮ◕)ﾉ*:･ﾟ✧ ┐(´д｀)┌",
		"invalid utf-8":     "\xff\xfe\xfd",
		"invalid with two":  "\xffab\xfe",
		"sticker codes":     "[赞R][笑哭R]",
		"email only":        "someone@example.com",
		"unconfigured only": "Γειά σου κόσμε",
	} {
		t.Run(name, func(t *testing.T) {
			r := d.Detect(text)
			assert.Equal(t, Undetermined, r.Language)
			assert.Zero(t, r.Confidence)
			assert.Empty(t, r.Spans)
		})
	}
}

func TestStripping(t *testing.T) {
	d := testDetector(t)
	tests := []struct {
		name, text, want string
	}{
		{"url in Chinese post", "链接在这里 https://example.com/some/english/looking/path 大家快去看", "zh-Hans"},
		{"bare domain", "大家可以去 xhslink.com/abc 看看详细的攻略", "zh-Hans"},
		{"mentions", "@TikTokRefugee @someone_from_america 谢谢你们的支持", "zh-Hans"},
		{"english hashtags on Chinese post", "今天做了一道家常菜 #cooking #foodie #dinnertime #homemade", "zh-Hans"},
		{"chinese hashtags on English post", "Made dumplings for the first time today #美食分享[话题]# #饺子#", "en"},
		{"emoji", "🔥🔥🔥 This place is absolutely amazing 😍😍", "en"},
		{"email", "请把资料发到 zhang.wei.official@example.com 谢谢", "zh-Hans"},
		{"full-width hashtag", "＃TikTokRefugee 欢迎大家", "zh-Hans"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := d.Detect(tt.text)
			assert.Equal(t, tt.want, r.Language)
			require.Len(t, r.Spans, 1, "only the %s text forms a span: %q", tt.want, spanTexts(tt.text, r))
		})
	}
	// Nothing but the stripped entity and Chinese: one span, no Latin span.
	r := d.Detect("看这个 https://example.com/hello-world-this-is-english 好看")
	require.Len(t, r.Spans, 1)
	assert.Equal(t, "zh-Hans", r.Spans[0].Language)
}

func spanTexts(text string, r Result) [][2]string {
	var out [][2]string
	for _, s := range r.Spans {
		out = append(out, [2]string{s.Language, text[s.Start:s.End]})
	}
	return out
}

func TestSpans(t *testing.T) {
	d := testDetector(t)
	tests := []struct {
		name, text, primary string
		spans               [][2]string
	}{
		{
			"tiktok refugees", "Welcome TikTok refugees! 欢迎来到小红书～", "zh-Hans",
			[][2]string{{"en", "Welcome TikTok refugees"}, {"zh-Hans", "欢迎来到小红书"}},
		},
		{
			"english majority", "Hi everyone, I'm new here and I love the food pictures so much! 你好", "en",
			[][2]string{{"en", "Hi everyone, I'm new here and I love the food pictures so much"}, {"zh-Hans", "你好"}},
		},
		{
			"chinese with english phrase", "今天终于学会了做饺子 so proud of myself 哈哈哈", "zh-Hans",
			[][2]string{{"zh-Hans", "今天终于学会了做饺子"}, {"en", "so proud of myself"}, {"zh-Hans", "哈哈哈"}},
		},
		{
			"short latin joins chinese", "你真是个sb吧", "zh-Hans",
			[][2]string{{"zh-Hans", "你真是个sb吧"}},
		},
		{
			"pinyin initials join simplified chinese", "nmsl，说的就是你", "zh-Hans",
			[][2]string{{"zh-Hans", "nmsl，说的就是你"}},
		},
		{
			"abbreviation joins traditional chinese", "tmd這樣說話真的很過分", "zh-Hant",
			[][2]string{{"zh-Hant", "tmd這樣說話真的很過分"}},
		},
		{
			"short latin run keeps its language outside cjk posts", "привет друзья как дела nmsl", "ru",
			[][2]string{{"ru", "привет друзья как дела"}, {"de", "nmsl"}},
		},
		{
			"only latin script joins", "你好 привет 朋友们", "zh-Hans",
			[][2]string{{"zh-Hans", "你好"}, {"ru", "привет"}, {"zh-Hans", "朋友们"}},
		},
		{
			"korean and english", "Thank you so much everyone 감사합니다", "en",
			[][2]string{{"en", "Thank you so much everyone"}, {"ko", "감사합니다"}},
		},
		{
			"punctuation inside one span", "好吃！！！真的太好吃了😋😋 下次还来。", "zh-Hans",
			[][2]string{{"zh-Hans", "好吃！！！真的太好吃了😋😋 下次还来"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := d.Detect(tt.text)
			assert.Equal(t, tt.primary, r.Language)
			assert.Equal(t, tt.spans, spanTexts(tt.text, r))
			checkSpans(t, tt.text, r)
		})
	}
}

// checkSpans verifies the invariants of Result.Spans.
func checkSpans(t testing.TB, text string, r Result) {
	t.Helper()
	// Rune boundaries as Go decodes strings: an invalid byte is one rune.
	boundary := map[int]bool{len(text): true}
	for i := range text {
		boundary[i] = true
	}
	prevEnd := 0
	for _, s := range r.Spans {
		require.LessOrEqual(t, prevEnd, s.Start, "spans overlap or are out of order: %+v", r.Spans)
		require.Less(t, s.Start, s.End)
		require.LessOrEqual(t, s.End, len(text))
		require.True(t, boundary[s.Start], "span start %d not on a rune boundary", s.Start)
		require.True(t, boundary[s.End], "span end %d not on a rune boundary", s.End)
		require.NotEmpty(t, s.Language)
		prevEnd = s.End
	}
	if r.Language == Undetermined {
		require.Zero(t, r.Confidence)
		require.Empty(t, r.Spans)
	} else {
		require.Greater(t, r.Confidence, 0.0)
		require.LessOrEqual(t, r.Confidence, 1.0)
		require.NotEmpty(t, r.Spans)
	}
}

func TestLongText(t *testing.T) {
	d := testDetector(t)
	text := strings.Repeat("这是一段很长的中文内容，用来测试长文本。", 500)
	r := d.Detect(text)
	assert.Equal(t, "zh-Hans", r.Language)
	require.NotEmpty(t, r.Spans)
	assert.LessOrEqual(t, r.Spans[len(r.Spans)-1].End, MaxScanBytes)
	checkSpans(t, text, r)

	en := strings.Repeat("The quick brown fox jumps over the lazy dog near the river bank. ", 200)
	assert.Equal(t, "en", d.Detect(en).Language)
}

func TestNew(t *testing.T) {
	tests := []struct {
		name    string
		opts    []Option
		langs   []string
		wantErr string
	}{
		{"default", nil, DefaultLanguages(), ""},
		{"subset", []Option{WithLanguages("zh", "en")}, []string{"zh", "en"}, ""},
		{"regions and scripts ignored", []Option{WithLanguages("zh-Hant", "en-US", "pt-BR")}, []string{"zh", "en", "pt"}, ""},
		{"duplicates removed", []Option{WithLanguages("en", "en", "EN", "zh", "zh-Hans")}, []string{"en", "zh"}, ""},
		{"options compose", []Option{WithLanguages("zh"), WithLanguages("ja")}, []string{"zh", "ja"}, ""},
		{"nil option ignored", []Option{nil, WithLanguages("zh", "ko")}, []string{"zh", "ko"}, ""},
		{"unknown tag", []Option{WithLanguages("zh", "klingon-xx-yy")}, nil, `"klingon-xx-yy"`},
		{"malformed tag", []Option{WithLanguages("en", "")}, nil, `langdetect: unknown language tag ""`},
		{"unsupported language", []Option{WithLanguages("en", "haw")}, nil, `langdetect: unsupported language "haw"`},
		{"one language", []Option{WithLanguages("en")}, nil, "langdetect: at least 2 distinct languages are required, got 1 (en)"},
		{"one language twice", []Option{WithLanguages("en", "en-GB")}, nil, "got 1 (en)"},
		{"no languages", []Option{WithLanguages()}, nil, "got 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := New(append(tt.opts, WithLazyLoading())...)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				assert.True(t, strings.HasPrefix(err.Error(), "langdetect: "), err.Error())
				assert.Nil(t, d)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.langs, d.Languages())
		})
	}
}

func TestRestrictedLanguages(t *testing.T) {
	d, err := New(WithLanguages("zh", "en"), WithLazyLoading())
	require.NoError(t, err)
	// English is the only Latin-script language: no model is needed.
	r := d.Detect("Hola a todos, me encanta esta aplicación")
	assert.Equal(t, "en", r.Language)
	assert.Equal(t, "zh-Hant", d.Detect("這個真的很好用").Language)
	assert.Equal(t, Undetermined, d.Detect("안녕하세요 반갑습니다").Language, "Korean is not configured")
	assert.Equal(t, Undetermined, d.Detect("ありがとうございます").Language, "Japanese is not configured")

	ja, err := New(WithLanguages("ja", "en"), WithLazyLoading())
	require.NoError(t, err)
	assert.Equal(t, "ja", ja.Detect("東京大学").Language, "Han text is Japanese when Chinese is not configured")
}

func TestLazyLoading(t *testing.T) {
	d, err := New(WithLanguages("en", "fr", "zh"), WithLazyLoading())
	require.NoError(t, err)
	assert.Equal(t, "fr", d.Detect("Bonjour tout le monde, je suis très contente d'être ici").Language)
	assert.Equal(t, "en", d.Detect("Hello everyone, I am very happy to be here with you").Language)
	assert.Equal(t, "zh-Hans", d.Detect("大家好").Language)
}

func TestZeroValue(t *testing.T) {
	var zero Detector
	assert.Equal(t, Result{Language: Undetermined}, zero.Detect("hello world"))
	assert.Empty(t, zero.Languages())
	var nilDetector *Detector
	assert.Equal(t, Result{Language: Undetermined}, nilDetector.Detect("你好"))
	assert.Nil(t, nilDetector.Languages())
}

func TestLanguagesIsACopy(t *testing.T) {
	d := testDetector(t)
	langs := d.Languages()
	langs[0] = "xx"
	assert.Equal(t, "zh", d.Languages()[0])
	def := DefaultLanguages()
	def[0] = "xx"
	assert.Equal(t, "zh", DefaultLanguages()[0])
}

func TestConcurrentDetect(t *testing.T) {
	d := testDetector(t)
	texts := []string{"Welcome TikTok refugees! 欢迎来到小红书～", "今日はとても楽しかった", "Bonjour tout le monde"}
	want := make([]Result, len(texts))
	for i, s := range texts {
		want[i] = d.Detect(s)
	}
	done := make(chan bool)
	for g := 0; g < 8; g++ {
		go func() {
			ok := true
			for i := 0; i < 50; i++ {
				for k, s := range texts {
					r := d.Detect(s)
					ok = ok && r.Language == want[k].Language && len(r.Spans) == len(want[k].Spans)
				}
			}
			done <- ok
		}()
	}
	for g := 0; g < 8; g++ {
		assert.True(t, <-done)
	}
}

func TestAppendLettersLimit(t *testing.T) {
	assert.Equal(t, "abc", string(appendLetters(nil, "abcdef", 3)))
	assert.Equal(t, "ab", string(appendLetters(nil, "abé", 3)), "a letter that does not fit is left out whole")
	assert.Equal(t, "fuck", string(appendLetters(nil, "ｆ\u200buｃｋ", 10)))
	assert.Equal(t, "xy", string(appendLetters([]byte("xy"), "z", 2)))
}

// TestWorstCaseCost checks that the inputs built to be expensive are
// handled without allocating beyond the Result: the n-gram scorer's work
// is bounded by the letters it is handed (see the package documentation;
// BenchmarkDetectWorstCase measures the time).
func TestWorstCaseCost(t *testing.T) {
	d := testDetector(t)
	for name, text := range worstCasePosts() {
		r := d.Detect(text)
		checkSpans(t, text, r)
		if raceEnabled {
			continue // the race detector makes sync.Pool drop items
		}
		allocs := testing.AllocsPerRun(5, func() { d.Detect(text) })
		assert.LessOrEqual(t, allocs, float64(1+len(r.Spans)), name)
	}
}
