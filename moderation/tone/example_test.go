package tone_test

import (
	"fmt"
	"log"

	"github.com/feedguard/feedguard/moderation/tone"
)

func Example() {
	p, err := tone.BuiltinProfile("lifestyle")
	if err != nil {
		log.Fatal(err)
	}
	for _, text := range []string{
		"避雷！这家店等了40分钟，菜是凉的，人均150元，不会再去了。",
		"FOLLOW FOR FOLLOW!!! 互粉互粉 🔥🔥🔥🔥🔥🔥",
	} {
		r := p.Score(tone.Input{Text: text, Language: "zh-Hans"})
		fmt.Println(r.Label, r.Signals[0].Name)
	}
	// Output:
	// fits first_hand
	// off engagement_bait
}
