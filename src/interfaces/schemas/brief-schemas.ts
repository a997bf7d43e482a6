import { z } from 'zod';
import { PRIORITIES } from '../../domain/task/priority.js';
import { completeTaskBody, createTaskBody, listTasksQuery, searchTextSchema, updateTaskBody } from './task-schemas.js';

/**
 * What the brief's `/api/{user_id}` surface accepts on top of `/api/v1`: `completed` for
 * `is_completed`, `priority: "medium"` for `normal`, `search` for `q`. The surface translates these
 * names and then validates with the v1 schemas (../http/brief/brief-surface.ts); these extensions
 * describe the accepted input for the OpenAPI document.
 */
const briefPriority = z
  .enum([...PRIORITIES, 'medium'])
  .meta({ description: '`medium` is another name for `normal`.', example: 'medium' });
const completed = z.boolean().meta({ description: 'Another name for `is_completed` (422 when both are given and differ).' });

export const briefCreateTaskBody = createTaskBody
  .extend({ completed: completed.optional(), priority: briefPriority.optional() })
  .meta({ id: 'BriefCreateTask' });

/** PUT on the brief's surface changes only the given fields, like PATCH. */
export const briefUpdateTaskBody = updateTaskBody
  .extend({ completed: completed.optional(), priority: briefPriority.optional() })
  .meta({ id: 'BriefUpdateTask' });

export const briefCompleteTaskBody = completeTaskBody
  .extend({ is_completed: z.boolean().optional(), completed: completed.optional() })
  .meta({ id: 'BriefSetCompletion' });

// Built from the v1 shape rather than extended: zod refuses to widen a refined object, and the
// cross-field refinements (cursor xor offset, …) still run when the translated query is validated.
export const briefListTasksQuery = z
  .strictObject({
    ...listTasksQuery.shape,
    search: searchTextSchema('search').optional().meta({ description: 'Another name for `q`.' }),
    priority: briefPriority.optional(),
  })
  .meta({ id: 'BriefListTasksQuery' });
