"""The thread stage: which conversation each staged row belongs to, and the
conversations table. SQL in sql/threads/."""
