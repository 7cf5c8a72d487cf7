"""Running the stages: locally in processes, on Spark, or into a store."""
