{
  "targets": [
    {
      "target_name": "mishen_scan",
      "sources": ["scan.c", "tables.c"],
      "defines": ["NAPI_VERSION=8"],
      "cflags": ["-O3", "-std=c11", "-Wall", "-Wextra"],
      "xcode_settings": { "OTHER_CFLAGS": ["-O3", "-std=c11"] },
      "msvs_settings": { "VCCLCompilerTool": { "Optimization": 2 } }
    }
  ]
}
