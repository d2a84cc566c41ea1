// Feature: real and imag of complex constant expressions (untyped arithmetic of complex constants)
package main

import "fmt"

const (
	r  = 3
	i  = 4i
	z  = r + i
	z2 = z * z
	zq = z2 / z
)

func main() {
	fmt.Println(real(z), imag(z))
	fmt.Println(real(z2), imag(z2))
	fmt.Println(real(zq) == r, imag(zq) == imag(i))
	var c64 complex64 = z2
	fmt.Println(real(c64), float32(real(z2)) == real(c64))
	norm := real(z)*real(z) + imag(z)*imag(z)
	fmt.Println(norm)
}
