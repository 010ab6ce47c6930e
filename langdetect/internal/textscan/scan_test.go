package textscan

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// runTexts returns the script and text of each run of text.
func runTexts(text string) []string {
	var s Scanner
	s.Scan(text, len(text))
	var out []string
	for _, r := range s.Runs {
		out = append(out, r.Script.String()+":"+text[r.Start:r.End])
	}
	return out
}

func TestScanRuns(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"mixed", "Welcome TikTok refugees! 欢迎来到小红书～", []string{"Latin:Welcome TikTok refugees", "CJK:欢迎来到小红书"}},
		{"url", "看 https://example.com/a-b?c=d 这个", []string{"CJK:看 https://example.com/a-b?c=d 这个"}},
		{"url only", "https://example.com/english-words", nil},
		{"www", "www.example.com", nil},
		{"bare domain with path", "xhslink.com/a/b", nil},
		{"bare domain", "visit xhslink.com now", []string{"Latin:visit xhslink.com now"}},
		{"not a domain", "i love it.Thanks", []string{"Latin:i love it.Thanks"}},
		{"email", "abc.def@example.co.uk", nil},
		{"email after Chinese", "邮箱abc@example.com", []string{"CJK:邮箱"}},
		{"mention", "@小红薯123 hi there", []string{"Latin:hi there"}},
		{"hashtag", "#ootd #小红书 #美食[话题]# #话题#", nil},
		{"full-width hashtag", "＃ootd", nil},
		{"sticker", "[赞R][笑哭R]", nil},
		{"hash not a tag", "# title", []string{"Latin:title"}},
		{"at sign alone", "a @ b", []string{"Latin:a @ b"}},
		{"kaomoji", "(ﾉ◕ヮ◕)ﾉ ┐(´д｀)┌", nil},
		{"single letter word kept", "I am here", []string{"Latin:I am here"}},
		{"thai marks", "สวัสดีครับ", []string{"Thai:สวัสดีครับ"}},
		{"zero width space", "f\u200buck", []string{"Latin:f\u200buck"}},
		{"digits and emoji", "666 😂 88", nil},
		{"invalid", "\xffab\xfe", []string{"Latin:ab"}},
		{"hangul", "안녕 hello", []string{"Hangul:안녕", "Latin:hello"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, runTexts(tt.text))
		})
	}
}

func TestScanEvidence(t *testing.T) {
	var s Scanner
	text := "我の日常 東京駅 这是"
	s.Scan(text, len(text))
	assert.Len(t, s.Runs, 1)
	r := s.Runs[0]
	assert.Equal(t, 1, r.Kana)
	assert.Equal(t, 1, r.WeakKana)
	assert.Equal(t, 1, r.Japanese)    // 駅
	assert.Equal(t, 1, r.Traditional) // 東
	assert.Equal(t, 1, r.Simplified)  // 这
	assert.Equal(t, 8, r.Han)
}

func TestScanLimit(t *testing.T) {
	var s Scanner
	text := "你好世界"
	n := s.Scan(text, 4) // inside the second character
	assert.Equal(t, 3, n)
	assert.Equal(t, 1, s.Runs[0].Letters)
	assert.Equal(t, len(text), s.Scan(text, 100))
}
