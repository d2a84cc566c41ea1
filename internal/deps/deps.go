// Package deps pins module dependencies while the tree is being built.
package deps

import (
	_ "github.com/go-echarts/go-echarts/v2/charts"
	_ "github.com/go-zeromq/zmq4"
	_ "github.com/traefik/yaegi/interp"
	_ "github.com/traefik/yaegi/stdlib"
	_ "golang.org/x/sync/errgroup"
)
