#!/usr/bin/env node
import '../dist/cli/restack.js';
