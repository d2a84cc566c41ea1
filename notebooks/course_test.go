package notebooks_test

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
)

// lastLesson is the number of the course's last lesson.
const lastLesson = 12

// notebookLink matches a Markdown link to a notebook in this folder.
var notebookLink = regexp.MustCompile(`\]\(([^)#/]+\.ipynb)(#[^)]*)?\)`)

// TestCourseIsOneStory checks that the lessons read as one story: every
// number from 00 to lastLesson has exactly one notebook, each lesson's
// summary links to the next lesson, the welcome notebook and README.md list
// them all, and no notebook links to a notebook that does not exist.
func TestCourseIsOneStory(t *testing.T) {
	byNumber := map[string]string{}
	for _, path := range courseNotebooks(t) {
		n := path[:2]
		if prev, dup := byNumber[n]; dup {
			t.Errorf("two notebooks numbered %s: %s and %s", n, prev, path)
		}
		byNumber[n] = path
	}
	var lessons []string
	for i := 0; i <= lastLesson; i++ {
		path, ok := byNumber[fmt.Sprintf("%02d", i)]
		if !ok {
			t.Fatalf("no lesson numbered %02d", i)
		}
		lessons = append(lessons, path)
	}

	for i, path := range lessons {
		nb := read(t, path)
		for j, c := range nb.Cells {
			if c.CellType != "markdown" {
				continue
			}
			for _, m := range notebookLink.FindAllStringSubmatch(source(c.Source), -1) {
				if _, err := os.Stat(m[1]); err != nil {
					t.Errorf("%s, cell %d: link to a missing notebook %s", path, j, m[1])
				}
			}
		}
		if i == len(lessons)-1 {
			continue
		}
		summary := ""
		for _, c := range nb.Cells {
			if c.CellType == "markdown" && strings.Contains(source(c.Source), "## Summary") {
				summary = source(c.Source)
			}
		}
		if !strings.Contains(summary, "]("+lessons[i+1]+")") {
			t.Errorf("%s: the summary does not link to the next lesson, %s", path, lessons[i+1])
		}
	}

	welcome := ""
	for _, c := range read(t, lessons[0]).Cells {
		welcome += source(c.Source)
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range lessons[1:] {
		if !strings.Contains(welcome, "]("+path+")") {
			t.Errorf("%s: the table of contents does not link to %s", lessons[0], path)
		}
		if !strings.Contains(string(readme), "`"+path+"`") {
			t.Errorf("README.md does not list %s", path)
		}
	}
}
