# mixmaster: Pd externals for mixing and mastering, built with pd-lib-builder.
#
#   make          build every external (each linked with the dsp/ core)
#   make install  install the libdir mixmaster/ (PDLIBDIR, DESTDIR honoured)
#   make check    install missing packages, build, run every test
#   make demo     install missing packages, build, render and meter a mix
#   make bench    cost per sample against the processors users would pick
#   make deps     check for (and install) the Debian packages we need
#                 (scripts/deps.sh; DEPS_GROUPS=all for every group)
#   make sanitize / valgrind / fuzz   ASan+UBSan, memcheck, libFuzzer runs

lib.name = mixmaster

class.sources = $(sort $(wildcard externals/*~.c))
common.sources = $(sort $(wildcard dsp/*.c)) externals/mm_pd.c
ldlibs = -lebur128 -lm
cflags = -Idsp -Iexternals -std=c99 -D_DEFAULT_SOURCE -fvisibility=hidden
datafiles = $(wildcard help-patches/*.pd) $(wildcard abstractions/*.pd) \
            README.md LICENSE

PDLIBBUILDER_DIR ?= /usr/share/pd-lib-builder
ifneq ($(wildcard $(PDLIBBUILDER_DIR)/Makefile.pdlibbuilder),)
include $(PDLIBBUILDER_DIR)/Makefile.pdlibbuilder
# pd-lib-builder adds -ffast-math; keep our bit-pattern finiteness checks
# and inf handling meaningful.
c.flags += -fno-finite-math-only
# pd-lib-builder does not track headers: rebuild when any of ours changes
# (a changed struct with stale objects crashes Pd).
$(patsubst %.c,%.o,$(class.sources) $(common.sources)): $(wildcard dsp/*.h externals/*.h)
else
all:
	@echo "pd-lib-builder is missing: run 'make deps' (or set PDLIBBUILDER_DIR)"
	@exit 1
endif

# ---- tests ---------------------------------------------------------------

BUILD ?= build
CC ?= cc
TEST_CFLAGS ?= -std=c99 -D_DEFAULT_SOURCE -O2 -g -Wall -Wextra -Idsp
TEST_LDLIBS = -lcmocka -lebur128 -lm
DSP_SRC = $(sort $(wildcard dsp/*.c))
DSP_HDR = $(wildcard dsp/*.h)
UNIT_SRC = $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN = $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))
TOOL_SRC = $(sort $(wildcard tests/tools/*.c))
TOOL_BIN = $(patsubst tests/tools/%.c,$(BUILD)/tools/%,$(TOOL_SRC))
STAGE = $(BUILD)/pd

$(BUILD)/tests/%: tests/unit/%.c $(DSP_SRC) $(DSP_HDR) $(wildcard tests/unit/*.h tests/lib/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(TEST_CFLAGS) -Itests/unit -Itests/lib -o $@ $< $(DSP_SRC) $(TEST_LDLIBS)

$(BUILD)/tools/%: tests/tools/%.c $(DSP_SRC) $(DSP_HDR) $(wildcard tests/tools/*.h tests/lib/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(TEST_CFLAGS) -Itests/tools -Itests/lib -o $@ $< $(DSP_SRC) $(TEST_LDLIBS)

unit-tests: $(UNIT_BIN)

# The unit tests again under AddressSanitizer + UndefinedBehaviorSanitizer.
ASAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
             -fno-sanitize-recover=all
$(BUILD)/asan-unit/%: tests/unit/%.c $(DSP_SRC) $(DSP_HDR) $(wildcard tests/unit/*.h tests/lib/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(TEST_CFLAGS) $(ASAN_FLAGS) -Itests/unit -Itests/lib -o $@ $< $(DSP_SRC) $(TEST_LDLIBS)
unit-tests-asan: $(patsubst tests/unit/%.c,$(BUILD)/asan-unit/%,$(UNIT_SRC))
tools: $(TOOL_BIN)

# The externals as a user installs them, for the Pd tests.
stage: all
	rm -rf $(STAGE)
	$(MAKE) install PDLIBDIR=$(CURDIR)/$(STAGE) DESTDIR= >/dev/null

check: deps
	$(MAKE) stage
	$(MAKE) unit-tests unit-tests-asan tools
	BUILD=$(BUILD) bash tests/run.sh

demo: deps
	$(MAKE) stage
	$(MAKE) tools
	BUILD=$(BUILD) bash scripts/demo.sh

bench: deps
	$(MAKE) stage
	$(MAKE) tools
	BUILD=$(BUILD) bash bench/run.sh

deps:
	@bash scripts/deps.sh $(DEPS_GROUPS)
check: DEPS_GROUPS = check
bench: DEPS_GROUPS = base bench
fuzz: DEPS_GROUPS = base fuzz
valgrind: DEPS_GROUPS = base valgrind

sanitize: deps
	BUILD=$(BUILD) bash scripts/sanitize.sh
valgrind: deps
	BUILD=$(BUILD) bash scripts/valgrind.sh
fuzz: deps
	BUILD=$(BUILD) bash tests/fuzz/run.sh

clean: clean-tests
clean-tests:
	rm -rf $(BUILD)

.PHONY: check demo bench deps unit-tests unit-tests-asan tools stage clean-tests sanitize valgrind fuzz
