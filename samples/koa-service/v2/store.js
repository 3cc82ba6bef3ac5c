'use strict';
/**
 * The tasks, in memory, by id (ids count from 1, in creation order). Each task is a Task; the
 * handlers change one only through its update() method.
 */

class Task {
  constructor(id, title, priority) {
    this.id = id;
    this.title = title;
    this.priority = priority;
    this.done = false;
    this.createdAt = Date.now();
    this.revision = 1;
  }

  /** Applies the changes a PUT asked for (each one optional); a change of any field is a new revision. */
  update(changes) {
    let changed = false;
    for (const field of ['title', 'priority', 'done']) {
      if (changes[field] !== undefined && changes[field] !== this[field]) {
        this[field] = changes[field];
        changed = true;
      }
    }
    if (changed) this.revision++;
  }
}

const tasks = new Map();
let nextId = 1;

function createTask(title, priority) {
  const task = new Task(nextId++, title, priority);
  tasks.set(task.id, task);
  return task;
}

function findTask(id) {
  return tasks.get(id);
}

/** The first `limit` tasks in id order, only those whose done is `done` unless it is undefined. */
function listTasks(limit, done) {
  const found = [];
  for (const task of tasks.values()) {
    if (found.length >= limit) break;
    if (done === undefined || task.done === done) found.push(task);
  }
  return found;
}

/** How many tasks there are, and how many of them are done. */
function counts() {
  let done = 0;
  for (const task of tasks.values()) if (task.done) done++;
  return { tasks: tasks.size, done };
}

module.exports = { Task, createTask, findTask, listTasks, counts };
