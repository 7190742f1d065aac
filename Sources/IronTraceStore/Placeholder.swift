public enum _PlaceholderIronTraceStore {}
