package install

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
)

// Logo draws goconc's logo at size×size pixels: a teal disc with three
// lanes of different lengths, like goroutines on a timeline.
func Logo(size int) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	teal := color.NRGBA{0x00, 0x8b, 0x9a, 0xff}
	white := color.NRGBA{0xff, 0xff, 0xff, 0xff}
	amber := color.NRGBA{0xff, 0xb3, 0x00, 0xff}
	c := float64(size-1) / 2
	r := float64(size) / 2
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			dx, dy := float64(x)-c, float64(y)-c
			if dx*dx+dy*dy <= r*r {
				img.Set(x, y, teal)
			}
		}
	}
	// Three lanes: start and end as fractions of the width.
	lanes := []struct {
		from, to float64
		col      color.NRGBA
	}{{0.22, 0.78, white}, {0.22, 0.55, amber}, {0.40, 0.78, white}}
	h := size / 9
	if h < 2 {
		h = 2
	}
	for i, l := range lanes {
		y0 := size*(3+2*i)/11 + size/22
		for y := y0; y < y0+h && y < size; y++ {
			for x := int(l.from * float64(size)); x < int(l.to*float64(size)); x++ {
				img.Set(x, y, l.col)
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(err) // encoding an in-memory NRGBA image cannot fail
	}
	return buf.Bytes()
}
