package langdetect_test

import (
	"fmt"

	"github.com/feedguard/feedguard/langdetect"
)

func Example() {
	d, err := langdetect.New(langdetect.WithLanguages("zh", "en", "ja", "ko"))
	if err != nil {
		panic(err)
	}
	text := "Welcome TikTok refugees! 欢迎来到小红书～ #TikTokRefugee"
	r := d.Detect(text)
	fmt.Println(r.Language)
	for _, s := range r.Spans {
		fmt.Printf("%s %q\n", s.Language, text[s.Start:s.End])
	}
	fmt.Println(d.Detect("東京駅に着きました").Language)
	fmt.Println(d.Detect("😂😂😂 !!!").Language)
	// Output:
	// zh-Hans
	// en "Welcome TikTok refugees"
	// zh-Hans "欢迎来到小红书"
	// ja
	// und
}
