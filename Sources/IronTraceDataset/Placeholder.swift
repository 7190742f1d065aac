public enum _PlaceholderIronTraceDataset {}
