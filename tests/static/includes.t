#!/usr/bin/env perl
# No include cycle among the parts of the core (fcgi/).  A part is a .c
# file with the header of the same name (X_int.h is X's private header);
# part X depends on part Y when X.c or X.h includes "Y.h".  A cycle (auth.c
# including request.h while request.h includes auth.h) means two parts
# that cannot be read, tested or changed apart.  TAP: one test per part.
use strict;
use warnings;
use File::Basename qw(dirname);

my $dir = (dirname(__FILE__)) . '/../../fcgi';
$dir = $ARGV[0] if @ARGV;
opendir(my $dh, $dir) or die "$dir: $!";
my @files = sort grep { /\.[ch]\z/ } readdir($dh);
closedir($dh);
my %header = map { $_ => 1 } grep { /\.h\z/ } @files;

sub part { my $f = shift; $f =~ s/\.[ch]\z//; $f =~ s/_int\z//; return $f; }

my %dep;
for my $f (@files) {
	my $p = part($f);
	$dep{$p} //= {};
	open(my $fh, '<', "$dir/$f") or die "$dir/$f: $!";
	while (<$fh>) {
		next unless /^\s*#\s*include\s+"([^"]+)"/;
		my $q = part($1);
		$dep{$p}{$q} = 1 if $header{$1} && $q ne $p;
	}
	close($fh);
}

# a path from $from back to $to, or empty
sub path_back {
	my ($from, $to, $seen) = @_;
	return ($to) if $from eq $to;
	return () if $seen->{$from}++;
	for my $n (sort keys %{ $dep{$from} }) {
		my @p = path_back($n, $to, $seen);
		return ($from, @p) if @p;
	}
	return ();
}

my @parts = sort keys %dep;
my $n = 0;
for my $p (@parts) {
	$n++;
	my @cycle;
	for my $q (sort keys %{ $dep{$p} }) {
		@cycle = path_back($q, $p, {});
		last if @cycle;
	}
	if (@cycle) { print "not ok $n - $p: include cycle $p -> ", join(' -> ', @cycle), "\n"; }
	else { print "ok $n - $p: no include cycle\n"; }
}
print "1..$n\n";
