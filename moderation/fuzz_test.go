package moderation

import (
	"context"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

// FuzzModerate judges arbitrary posts with the defaults: nothing may panic,
// and every offset in the verdict — matches, language spans, tone evidence
// — must lie inside the text it refers to and, for valid UTF-8, cover the
// text it quotes.
func FuzzModerate(f *testing.F) {
	for _, s := range [][2]string{
		{"", ""},
		{"你就是个傻逼 f.u.c.k", "title"},
		{"İİİİİİ wow!!!!!! 😀😀😀😀😀😀", ""},
		{"加我微信 abc12345，优惠码 SAVE20", "sb"},
		{"(um h07 chick /0lita a/n/a/l", ""},
		{"\xff\xfe傻\u200b逼", "\xff"},
		{"what does sb mean? 鬼佬这个词", "88"},
	} {
		f.Add(s[0], s[1])
	}
	m := moderator(f)
	f.Fuzz(func(t *testing.T, text, title string) {
		post := Post{Text: text}
		if title != "" {
			post.Fields = []Field{{Name: "title", Text: title}}
		}
		v, err := m.Moderate(context.Background(), post)
		require.NoError(t, err)
		valid := utf8.ValidString(text) && utf8.ValidString(title)
		within := func(src string, start, end int, quoted string) {
			t.Helper()
			require.True(t, 0 <= start && start <= end && end <= len(src), "[%d, %d) in %q", start, end, src)
			if valid && quoted != "" {
				require.Equal(t, src[start:end], quoted)
			}
		}
		for _, mt := range v.Matches {
			src := text
			if mt.Field == "title" {
				src = title
			}
			within(src, mt.Start, mt.End, mt.Text)
		}
		for _, sp := range v.LanguageSpans {
			within(text, sp.Start, sp.End, "")
		}
		for _, sig := range v.Tone.Signals {
			for _, e := range sig.Evidence {
				within(text, e.Start, e.End, e.Text)
			}
		}
	})
}
