public enum _PlaceholderIronTraceSynth {}
