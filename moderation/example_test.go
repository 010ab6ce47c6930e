package moderation_test

import (
	"context"
	"fmt"
	"log"

	"github.com/feedguard/feedguard/moderation"
)

func Example() {
	m, err := moderation.New() // embedded rules, default languages, "lifestyle" tone
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	for _, text := range []string{
		"Welcome TikTok refugees! 欢迎来到小红书～",
		"楼上那个傻逼别在这杠了",
		"ask sb for help with the assessment",
	} {
		v, err := m.Moderate(ctx, moderation.Post{Text: text})
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(v.Action, v.Language, v.Categories)
		for _, mt := range v.Matches {
			fmt.Printf("  %s %q at %d:%d\n", mt.RuleID, mt.Text, mt.Start, mt.End)
		}
	}
	// Output:
	// allow zh-Hans []
	// review zh-Hans [harassment]
	//   zh.harassment.shabi "傻逼" at 12:18
	// allow en []
}
