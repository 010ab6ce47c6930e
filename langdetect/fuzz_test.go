package langdetect

import (
	"slices"
	"testing"
)

func FuzzDetect(f *testing.F) {
	for _, s := range []string{
		"", "Welcome TikTok refugees! 欢迎来到小红书～", "今日はNetflixを見た", "你真是个sb", "\xff\xfe\xfd",
		"@小红薯123 #ootd https://x.com/a?b=c mail@example.com", "[赞R]#美食[话题]#", "(ﾉ◕ヮ◕)ﾉ*:･ﾟ✧",
		"f\u200buck ｆｕｃｋ fսck", "สวัสดีครับ 안녕하세요 Привет مرحبا", "東京駅前の店",
	} {
		f.Add(s)
	}
	d := testDetector(f)
	valid := append(d.Languages(), SimplifiedChinese, TraditionalChinese, Undetermined)
	f.Fuzz(func(t *testing.T, text string) {
		r := d.Detect(text)
		if !slices.Contains(valid, r.Language) || r.Language == "zh" {
			t.Fatalf("invalid language %q", r.Language)
		}
		for _, s := range r.Spans {
			if !slices.Contains(valid, s.Language) || s.Language == "zh" || s.Language == Undetermined {
				t.Fatalf("invalid span language %q", s.Language)
			}
		}
		checkSpans(t, text, r)
	})
}
